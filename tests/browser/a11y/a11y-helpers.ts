/**
 * Helpers for the whole-app accessibility tests: axe-core over a page region (shadow DOM
 * included), the deep active element, and the interactive controls a keyboard user must reach.
 */
import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';

declare global {
  interface Window {
    axe: { run(context: Element, options: RunOptions): Promise<AxeResults> };
  }
}

export const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
};

/** Serious and critical violations, one line each (rule, impact, where, why). */
export async function seriousViolations(
  context: Element,
  options: RunOptions = AXE_OPTIONS,
): Promise<string[]> {
  const results = await window.axe.run(context, options);
  if (results.passes.length === 0) throw new Error('axe checked nothing');
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => `${n.target.join(' ')} [${n.failureSummary ?? ''}]`)
          .join('; ')}`,
    );
}

/** Every element under `root`, descending into open shadow roots and slotted content in tree order. */
export function deep(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deep(el.shadowRoot));
  }
  return out;
}

/** The focused element, through shadow roots. */
export function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const CONTROL =
  'button, select, input, textarea, a[href], summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

/** Whether `el` is rendered (has a box, not hidden by CSS, not inside a closed <details>). */
export function isShown(el: Element): boolean {
  const box = (el as HTMLElement).getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return false;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none') return false;
  const details = el.closest('details');
  if (details && !details.open && el.tagName !== 'SUMMARY') return false;
  return true;
}

/** The enabled, visible, keyboard-focusable controls under `root`, in DOM order. */
export function focusableControls(root: ParentNode): HTMLElement[] {
  return deep(root).filter(
    (el): el is HTMLElement =>
      el instanceof HTMLElement &&
      el.matches(CONTROL) &&
      !(el as HTMLButtonElement).disabled &&
      el.tabIndex >= 0 &&
      !el.closest('[inert]') &&
      isShown(el),
  );
}

/** A short description of a control for failure messages. */
export function describeControl(el: Element | null): string {
  if (el === null) return '(nothing)';
  const label =
    el.getAttribute('aria-label') ??
    el.getAttribute('title') ??
    (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
  const host = (el.getRootNode() as ShadowRoot).host?.tagName.toLowerCase() ?? 'document';
  return `${host} > ${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''} "${label}"`;
}
