/**
 * Issue 9: accessibility of the whole app, not panel by panel: axe-core over <cp-app> in its
 * default view, with the sandbox panels open, with the EKS cluster and terminal in use, and in
 * presenter mode — no serious or critical violation.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { lazyPanelsReady } from '../../../src/ui/lazy-panels.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { startExperimentSession } from '../../../src/ui/start-session.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { TEST_SCENARIO, until } from '../player/player-fixtures.ts';
import { deep, seriousViolations } from './a11y-helpers.ts';

let host: ScenarioHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
});

async function mountApp() {
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app
      style="display:block; width: 1280px; height: 720px"
      no-ticker
      .actor=${h.actor}
    ></cp-app>`,
  );
  // Every panel is checked: wait for the ones cp-app defines after the first frame.
  await lazyPanelsReady;
  await app.canvasReady;
  await settle(app);
  return { h, app };
}

async function settleAll(app: CpApp): Promise<void> {
  await settle(app);
  for (const el of deep(app.shadowRoot!))
    if ('updateComplete' in el)
      await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  await new Promise((r) => setTimeout(r, 50));
}

async function expectNoSerious(app: CpApp): Promise<void> {
  await settleAll(app);
  const bad = await seriousViolations(app);
  expect(bad, bad.join('\n')).to.deep.equal([]);
}

describe('whole-app accessibility (axe-core)', () => {
  it('default view', async () => {
    const { app } = await mountApp();
    await expectNoSerious(app);
  });

  it('sandbox panels open: selection, saves session, every <details> expanded, paste box', async () => {
    const { h, app } = await mountApp();
    await startExperimentSession(app, h.actor, `a11y-${Math.random()}`);
    const task = Object.values(h.sim().tasks)[0]!;
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: task.id } });
    await settleAll(app);
    for (const d of deep(app.shadowRoot!)) if (d instanceof HTMLDetailsElement) d.open = true;
    const terminal = part(app, 'cp-terminal');
    const paste = [...shadow(terminal).querySelectorAll('button')].find((b) =>
      /Paste/.test(b.textContent ?? ''),
    );
    paste?.click();
    await expectNoSerious(app);
  });

  it('EKS cluster created, EKS view, terminal with output', async () => {
    const { h, app } = await mountApp();
    const controls = part(app, 'cp-eks-controls');
    part<HTMLButtonElement>(controls, 'button.create-eks').click();
    await until(() => h.sim().eks !== undefined);
    await settleAll(app);
    const view = [
      ...shadow(controls).querySelectorAll<HTMLButtonElement>('button[data-view]'),
    ].find((b) => b.dataset.view === 'EKS');
    view?.click();
    const terminal = part(app, 'cp-terminal');
    const input = part<HTMLInputElement>(terminal, 'input.prompt');
    for (const line of [
      'kubectl get nodes',
      'kubectl create deployment web --image=nginx --replicas=3',
      'kubectl get pods',
    ]) {
      input.value = line;
      part<HTMLFormElement>(terminal, 'form').requestSubmit();
      await until(() => h.actor.getSnapshot().context.terminal.history.includes(line));
    }
    await expectNoSerious(app);
  });

  it('presenter mode with a scenario', async () => {
    const { h, app } = await mountApp();
    host = new ScenarioHost(app, h.actor, {
      library: { 'player-test': TEST_SCENARIO },
      keyTarget: window,
      dropTarget: document,
      noTicker: true,
    });
    host.openFromUrl('?scenario=player-test&present');
    await until(() => app.present);
    await settleAll(app);
    await settle(host.layer);
    await expectNoSerious(app);
  });
});
