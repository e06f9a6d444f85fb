/**
 * Test harness for the lit panels: a started cluster actor on the default cluster, a record of
 * every event the panels send to it, and a mount that provides the actor through context.
 */
import { ContextProvider } from '@lit/context';
import { fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { createActor } from 'xstate';
import {
  clusterMachine,
  type ClusterActor,
  type ClusterEvent,
} from '../../../src/machine/index.ts';
import { createDefaultCluster, type SimState } from '../../../src/sim/index.ts';
import { clusterActorContext } from '../../../src/ui/actor-context.ts';

export interface Harness {
  readonly actor: ClusterActor;
  /** Every event sent to the actor, in order. */
  readonly sent: ClusterEvent[];
  readonly sim: () => SimState;
}

/** A started actor (paused, so time only moves when a test says so) that records what it is sent. */
export function startHarness(sim: SimState = createDefaultCluster(1)): Harness {
  const actor = createActor(clusterMachine, { input: { sim } });
  actor.start();
  actor.send({ type: 'PAUSE' });
  const sent: ClusterEvent[] = [];
  const send = actor.send.bind(actor);
  actor.send = (event: ClusterEvent) => {
    sent.push(event);
    send(event);
  };
  return { actor, sent, sim: () => actor.getSnapshot().context.sim };
}

/** Renders `template` inside an element that provides `actor` as the cluster context. */
export async function mountWithActor<T extends HTMLElement>(
  template: TemplateResult,
  actor: ClusterActor,
): Promise<T> {
  const provider = document.createElement('div');
  document.body.appendChild(provider);
  new ContextProvider(provider, { context: clusterActorContext, initialValue: actor });
  return fixture<T>(template, { parentNode: provider });
}

/** The element's shadow root, or a failure that says which element had none. */
export function shadow(el: HTMLElement): ShadowRoot {
  if (el.shadowRoot === null) throw new Error(`${el.tagName} has no shadow root`);
  return el.shadowRoot;
}

/** The first element matching `selector` in `el`'s shadow root (throws when there is none). */
export function part<E extends Element = HTMLElement>(el: HTMLElement, selector: string): E {
  const found = shadow(el).querySelector<E>(selector);
  if (found === null) throw new Error(`${el.tagName} has no ${selector}`);
  return found;
}

/** Lets lit finish re-rendering after an actor change. */
export async function settle(
  el: HTMLElement & { updateComplete?: Promise<unknown> },
): Promise<void> {
  await el.updateComplete;
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
}
