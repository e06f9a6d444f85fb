/**
 * Connects a lit component to the cluster actor (there is no @xstate/lit package). The controller
 * finds the actor through context, subscribes while its host is connected, keeps one selected slice
 * of the snapshot, and asks the host to re-render only when that slice changed.
 */
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'xstate';
import type { ClusterActor, ClusterEvent, ClusterSnapshot } from '../machine/index.ts';
import { clusterActorContext } from './actor-context.ts';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Equal when both are the same value, or objects/arrays whose own entries are the same values.
 * Runs for every panel on every snapshot, so it allocates nothing (no Object.keys arrays, issue 8).
 */
export function shallowEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const arrayA = Array.isArray(a);
  if (arrayA !== Array.isArray(b)) return false;
  if (arrayA) {
    const x = a as readonly unknown[];
    const y = b as readonly unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  const recA = a as Record<string, unknown>;
  const recB = b as Record<string, unknown>;
  let count = 0;
  for (const k in recA) {
    if (!hasOwn.call(recA, k)) continue;
    count++;
    if (!hasOwn.call(recB, k) || !Object.is(recA[k], recB[k])) return false;
  }
  for (const k in recB) if (hasOwn.call(recB, k)) count--;
  return count === 0;
}

/**
 * Contract: `value` is `select(snapshot)` of the latest snapshot (undefined until an actor is found).
 * Subscribes in hostConnected, unsubscribes in hostDisconnected, and calls `host.requestUpdate()`
 * only when the new slice is not `equals` to the previous one (default: shallow equality, so select
 * references out of the immutable SimState or `sim.version`, not freshly built deep objects).
 */
export class ActorController<T> implements ReactiveController {
  /** The selected slice of the latest snapshot. */
  value: T | undefined;
  /** The actor in use, if any was provided. */
  actor: ClusterActor | undefined;

  private subscription: Subscription | undefined;
  private connected = false;
  private hasValue = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly select: (snapshot: ClusterSnapshot) => T,
    private readonly equals: (a: T, b: T) => boolean = shallowEqual,
  ) {
    host.addController(this);
    // A subscribing consumer: if the provider swaps actors, we follow.
    new ContextConsumer(host, {
      context: clusterActorContext,
      subscribe: true,
      callback: (actor) => this.attach(actor),
    });
  }

  /** Sends an event to the actor (ignored when there is none yet). */
  send(event: ClusterEvent): void {
    this.actor?.send(event);
  }

  /** The full latest snapshot, for event handlers that need more than the slice. */
  snapshot(): ClusterSnapshot | undefined {
    return this.actor?.getSnapshot();
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private attach(actor: ClusterActor | undefined): void {
    if (actor === this.actor) return;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.actor = actor;
    if (this.connected) this.subscribe();
  }

  private subscribe(): void {
    if (this.actor === undefined || this.subscription !== undefined) return;
    this.update(this.actor.getSnapshot(), true);
    this.subscription = this.actor.subscribe((snapshot) => this.update(snapshot, false));
  }

  private update(snapshot: ClusterSnapshot, force: boolean): void {
    const next = this.select(snapshot);
    if (!force && this.hasValue && this.equals(this.value as T, next)) return;
    this.value = next;
    this.hasValue = true;
    this.host.requestUpdate();
  }
}
