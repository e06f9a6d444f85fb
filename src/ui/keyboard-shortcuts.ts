/**
 * Pure: which machine event a key press means. Space play/pause, + / − speed, "." one step,
 * Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z (or Ctrl+Y) redo. Keys typed into form controls (or pressed with
 * other modifiers) are left alone — text fields keep their own undo.
 */
import type { ClusterEvent } from '../machine/index.ts';

const EDITABLE = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'SUMMARY']);

/** The event for `key`, or undefined when the key is not a shortcut or belongs to a control. */
export function shortcutEvent(
  key: string,
  target: EventTarget | undefined,
  modifiers: { ctrl: boolean; meta: boolean; alt: boolean; shift?: boolean },
): ClusterEvent | undefined {
  if ((modifiers.ctrl || modifiers.meta) && !modifiers.alt) {
    if (isTextEntry(target)) return undefined;
    const k = key.toLowerCase();
    if (k === 'z') return modifiers.shift === true ? { type: 'REDO' } : { type: 'UNDO' };
    if (k === 'y' && modifiers.ctrl) return { type: 'REDO' };
    return undefined;
  }
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

/** Fields where Ctrl+Z belongs to the text being typed. */
function isTextEntry(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable;
}
