/**
 * Issue 9: every control is reachable by keyboard. Real Tab presses (sendKeys through the browser,
 * not synthetic events) walk the whole main view: the walk reaches every visible enabled control,
 * goes header → stage → side panels → footer, never gets stuck, and Shift+Tab walks it backwards.
 * The terminal's command line keeps Tab for completion only when there is something to complete;
 * Escape then Tab leaves it (documented in its description).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { lazyPanelsReady } from '../../../src/ui/lazy-panels.ts';
import { startExperimentSession } from '../../../src/ui/start-session.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { until } from '../player/player-fixtures.ts';
import { deep, deepActive, describeControl, focusableControls } from './a11y-helpers.ts';

const REGIONS = ['HEADER', 'MAIN', 'ASIDE', 'FOOTER'] as const;

/** Which of <cp-app>'s landmarks holds `el` (climbing out of nested shadow roots). */
function regionOf(app: CpApp, el: Element): string {
  let node: Element | null = el;
  while (node && node !== app) {
    if (node.getRootNode() === app.shadowRoot) {
      const landmark = node.closest('header, main, aside, footer');
      return landmark?.tagName ?? 'OTHER';
    }
    const root = node.getRootNode();
    node = node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    // Slotted light-DOM children of <cp-app> sit in the slot's landmark.
    if (node === app && el.assignedSlot) return regionOf(app, el.assignedSlot);
  }
  return 'OTHER';
}

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
  await startExperimentSession(app, h.actor, `tab-walk-${Math.random()}`);
  const task = Object.values(h.sim().tasks)[0]!;
  h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: task.id } });
  await settle(app);
  for (const el of deep(app.shadowRoot!))
    if ('updateComplete' in el)
      await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return { h, app };
}

/** One key press; 'Shift+Tab' holds Shift down around the Tab (sendKeys has no chords). */
async function press(key: 'Tab' | 'Shift+Tab' | 'Escape'): Promise<void> {
  if (key !== 'Shift+Tab') return sendKeys({ press: key });
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

/** Presses `key` until focus leaves the page (or returns to the first stop); the stops in order. */
async function walk(key: 'Tab' | 'Shift+Tab', limit = 400): Promise<Element[]> {
  (document.activeElement as HTMLElement | null)?.blur();
  const stops: Element[] = [];
  for (let i = 0; i < limit; i++) {
    await press(key);
    const active = deepActive();
    if (active === null || active === document.body || active === stops[0]) return stops;
    if (stops.at(-1) === active)
      throw new Error(`${key} is trapped at ${describeControl(active)} after ${i} presses`);
    stops.push(active);
  }
  throw new Error(`${key} never left the page in ${limit} presses`);
}

describe('keyboard: a Tab walk over the whole app', () => {
  it('reaches every control of the main view in landmark order and leaves; Shift+Tab reverses it', async function () {
    (this as unknown as { timeout(ms: number): void }).timeout(120_000);
    const { app } = await mountApp();
    const controls = focusableControls(app.shadowRoot!).concat(focusableControls(app));
    expect(controls.length).to.be.above(15);
    const stops = await walk('Tab');
    const missed = controls.filter((c) => !stops.includes(c)).map(describeControl);
    expect(missed, `not reachable by Tab:\n${missed.join('\n')}`).to.deep.equal([]);
    // Each stop appears once (no loops inside a panel).
    expect(new Set(stops).size).to.equal(stops.length);
    // Header, then the stage, then the side panels, then the footer.
    const order = stops.map((s) => REGIONS.indexOf(regionOf(app, s) as (typeof REGIONS)[number]));
    const out = stops.filter((_, i) => (order[i] ?? -1) < 0).map(describeControl);
    expect(out, `stops outside the landmarks:\n${out.join('\n')}`).to.deep.equal([]);
    for (let i = 1; i < order.length; i++)
      expect(
        order[i]! >= order[i - 1]!,
        `${describeControl(stops[i]!)} (${REGIONS[order[i]!]}) comes after ${describeControl(stops[i - 1]!)} (${REGIONS[order[i - 1]!]})`,
      ).to.equal(true);
    const back = await walk('Shift+Tab');
    expect(back.map(describeControl)).to.deep.equal([...stops].reverse().map(describeControl));
  });

  it('terminal: Tab completes a typed command; Escape then Tab (or Tab on an empty line) moves on', async () => {
    const { h, app } = await mountApp();
    const controls = part(app, 'cp-eks-controls');
    part<HTMLButtonElement>(controls, 'button.create-eks').click();
    await until(() => h.sim().eks !== undefined);
    const terminal = part(app, 'cp-terminal');
    await settle(terminal);
    const input = part<HTMLInputElement>(terminal, 'input.prompt');
    const help = shadow(terminal).getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(help?.textContent).to.match(/Escape then Tab/);
    const run = [...shadow(terminal).querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Run',
    );
    input.focus();
    await sendKeys({ type: 'kubectl get depl' });
    await sendKeys({ press: 'Tab' });
    await until(() => input.value === 'kubectl get deployments ');
    expect(deepActive()).to.equal(input);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(run);
    expect(input.value).to.equal('kubectl get deployments ');
    await press('Shift+Tab');
    expect(deepActive()).to.equal(input);
    input.value = '';
    await sendKeys({ press: 'Tab' });
    expect(deepActive()).to.equal(run);
  });
});
