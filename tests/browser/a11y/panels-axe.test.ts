/**
 * Issue 9: accessibility of the panels. axe-core (WCAG 2.x A/AA rules) runs on each lit panel,
 * shadow DOM included, with no serious or critical violation; every native control in a panel can
 * take keyboard focus (no tabindex="-1" traps, none hidden from the tab order).
 */
import { expect, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';
import '../../../src/ui/cp-actions.ts';
import '../../../src/ui/cp-cost-panel.ts';
import '../../../src/ui/cp-event-log.ts';
import '../../../src/ui/cp-inspector.ts';
import '../../../src/ui/cp-terminal.ts';
import '../../../src/ui/cp-toolbar.ts';
import { mountWithActor, settle, startHarness } from '../ui/ui-harness.ts';

declare global {
  interface Window {
    axe: { run(context: Element, options: RunOptions): Promise<AxeResults> };
  }
}

const OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  // A panel is tested alone, not as a page: page-level rules do not apply to a fragment.
  rules: {
    region: { enabled: false },
    'landmark-one-main': { enabled: false },
    'page-has-heading-one': { enabled: false },
  },
};

/** Every element under `root`, descending into open shadow roots. */
function deep(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deep(el.shadowRoot));
  }
  return out;
}

const PANELS: readonly [string, () => TemplateResult][] = [
  ['cp-toolbar', () => html`<cp-toolbar></cp-toolbar>`],
  ['cp-actions', () => html`<cp-actions></cp-actions>`],
  ['cp-inspector', () => html`<cp-inspector></cp-inspector>`],
  ['cp-event-log', () => html`<cp-event-log></cp-event-log>`],
  ['cp-cost-panel', () => html`<cp-cost-panel></cp-cost-panel>`],
  ['cp-terminal', () => html`<cp-terminal></cp-terminal>`],
];

describe('panel accessibility', () => {
  for (const [name, template] of PANELS) {
    it(`<${name}> has no serious or critical axe violation and every control takes focus`, async () => {
      const h = startHarness();
      const task = Object.values(h.sim().tasks)[0]!;
      h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: task.id } });
      const el = await mountWithActor<HTMLElement>(template(), h.actor);
      await settle(el);
      const results = await window.axe.run(el, OPTIONS);
      const bad = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(bad, bad.join('\n')).to.deep.equal([]);
      expect(results.passes.length).to.be.above(0);
      const controls = deep(el).filter((c) =>
        c.matches(
          'button, select, input, textarea, a[href], [role="button"], [role="tab"], summary',
        ),
      ) as HTMLElement[];
      for (const c of controls) {
        if ((c as HTMLButtonElement).disabled) continue;
        expect(c.tabIndex, `${name} ${c.outerHTML.slice(0, 80)}`).to.be.at.least(0);
        c.focus();
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        expect(active, `${name} ${c.outerHTML.slice(0, 80)} cannot take focus`).to.equal(c);
      }
    });
  }
});
