/**
 * Pure: which machine event a key press means. Space play/pause, + / − speed, "." one step.
 * Keys typed into form controls (or pressed with modifiers) are left alone.
 */
import type { ClusterEvent } from '../machine/index.ts';

const EDITABLE = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'SUMMARY']);

/** The event for `key`, or undefined when the key is not a shortcut or belongs to a control. */
export function shortcutEvent(
  key: string,
  target: EventTarget | undefined,
  modifiers: { ctrl: boolean; meta: boolean; alt: boolean },
): ClusterEvent | undefined {
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return undefined;
  if (target instanceof HTMLElement && (EDITABLE.has(target.tagName) || target.isContentEditable)) {
    // Space on a focused button presses that button; it must not also toggle play.
    return undefined;
  }
  switch (key) {
    case ' ':
      return { type: 'TOGGLE_PLAY' };
    case '+':
    case '=':
      return { type: 'SPEED_UP' };
    case '-':
    case '_':
      return { type: 'SPEED_DOWN' };
    case '.':
      return { type: 'STEP' };
    default:
      return undefined;
  }
}
