/**
 * Issue 9: names from files and typed input render as text, never as markup. A task definition
 * whose container name and image are HTML, and events whose subject/message are HTML (as a saved
 * experiment or scenario could carry), are shown literally by the inspector and the event log:
 * no element is created from them and no handler runs.
 */
import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-event-log.ts';
import '../../../src/ui/cp-inspector.ts';
import {
  WEB_TASK_DEFINITION,
  advance,
  applyCommand,
  createDefaultCluster,
  type SimState,
} from '../../../src/sim/index.ts';
import { mountWithActor, settle, shadow, startHarness } from '../ui/ui-harness.ts';

const HOSTILE =
  '<img src=x onerror="window.__xss=(window.__xss||0)+1"><script>window.__xss=1</script>';

declare global {
  interface Window {
    __xss?: number;
  }
}

/** Every element under `root`, descending into open shadow roots. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...allElements(el.shadowRoot));
  }
  return out;
}

function hostileCluster(): { sim: SimState; taskId: string } {
  let s = createDefaultCluster(1);
  const container = WEB_TASK_DEFINITION.containerDefinitions[0]!;
  const r = applyCommand(s, {
    type: 'REGISTER_TASK_DEFINITION',
    taskDefinition: {
      ...WEB_TASK_DEFINITION,
      family: 'hostile',
      containerDefinitions: [{ ...container, name: HOSTILE, image: HOSTILE }],
    },
  });
  if (r.error) throw new Error(r.error);
  s = applyCommand(r.state, {
    type: 'RUN_TASK',
    taskDefinition: 'hostile',
    launchType: 'FARGATE',
  }).state;
  s = advance(s, 120_000);
  const task = Object.values(s.tasks).find((t) => t.taskDefinitionKey.startsWith('hostile:'));
  if (!task) throw new Error('hostile task not started');
  const last = s.events[s.events.length - 1]!;
  const event = {
    id: last.id + 1,
    at: s.now,
    kind: 'service' as const,
    subject: HOSTILE,
    message: `(service ${HOSTILE}) has reached a steady state.`,
  };
  return { sim: { ...s, events: [...s.events, event], version: s.version + 1 }, taskId: task.id };
}

describe('names from files render as text', () => {
  beforeEach(() => {
    delete window.__xss;
  });

  it('the inspector shows a hostile container name and image literally', async () => {
    const { sim, taskId } = hostileCluster();
    const h = startHarness(sim);
    const el = await mountWithActor<HTMLElement>(html`<cp-inspector></cp-inspector>`, h.actor);
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: taskId } });
    await settle(el);
    await new Promise((r) => setTimeout(r, 50)); // an <img onerror> would have fired by now
    expect(shadow(el).textContent).to.contain(HOSTILE);
    const tags = allElements(shadow(el)).map((e) => e.tagName);
    expect(tags).not.to.include('IMG');
    expect(tags).not.to.include('SCRIPT');
    expect(window.__xss).to.equal(undefined);
  });

  it('the event log shows a hostile subject and message literally', async () => {
    const { sim } = hostileCluster();
    const h = startHarness(sim);
    const el = await mountWithActor<HTMLElement>(html`<cp-event-log></cp-event-log>`, h.actor);
    await settle(el);
    await new Promise((r) => setTimeout(r, 50));
    const first = shadow(el).querySelector('li .message');
    expect(first?.textContent).to.equal(`(service ${HOSTILE}) has reached a steady state.`);
    const tags = allElements(shadow(el)).map((e) => e.tagName);
    expect(tags).not.to.include('IMG');
    expect(tags).not.to.include('SCRIPT');
    expect(window.__xss).to.equal(undefined);
  });
});
