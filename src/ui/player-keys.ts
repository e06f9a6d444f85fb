/**
 * Pure: what a key press means to the scenario player and the presenter mode.
 * With a scenario: Space play/pause, → next step, ← previous step, + / − speed, Home restart.
 * Always: P presenter mode on/off, F full screen (in presenter mode), V next view of the canvas —
 * ECS → EKS → Side by side, among those that show something (in presenter mode, where the view
 * buttons are hidden; src/machine/cluster-view.ts nextView), Esc leaves presenter mode.
 * Keys typed into form controls or pressed with Ctrl/⌘/Alt are left alone (Esc excepted).
 */
import type { PlayerEvent } from '../machine/scenario/player-machine.ts';

export type PlayerKeyAction =
  | { readonly kind: 'player'; readonly event: PlayerEvent }
  | { readonly kind: 'present'; readonly on: boolean }
  | { readonly kind: 'fullscreen' }
  /** Show the next view of the canvas (ECS / EKS / Side by side). */
  | { readonly kind: 'view' }
  /** A key the free playground would use that must do nothing while a scenario plays. */
  | { readonly kind: 'swallow' };

const EDITABLE = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'SUMMARY']);

export interface KeyContext {
  readonly scenario: boolean;
  readonly presenting: boolean;
}

/** The action for `key`, or undefined when it is not ours. */
export function playerKeyAction(
  key: string,
  target: EventTarget | undefined,
  modifiers: { ctrl: boolean; meta: boolean; alt: boolean },
  ctx: KeyContext,
): PlayerKeyAction | undefined {
  if (key === 'Escape') return ctx.presenting ? { kind: 'present', on: false } : undefined;
  if (modifiers.ctrl || modifiers.meta || modifiers.alt) return undefined;
  const editable =
    typeof HTMLElement !== 'undefined' &&
    target instanceof HTMLElement &&
    (EDITABLE.has(target.tagName) || target.isContentEditable);
  // In presenter mode the keyboard is the only control, so buttons do not keep the keys.
  if (editable && !(ctx.presenting && target instanceof HTMLButtonElement)) return undefined;
  switch (key) {
    case 'p':
    case 'P':
      return { kind: 'present', on: !ctx.presenting };
    case 'f':
    case 'F':
      return ctx.presenting ? { kind: 'fullscreen' } : undefined;
    case 'v':
    case 'V':
      return ctx.presenting ? { kind: 'view' } : undefined;
  }
  if (!ctx.scenario) return undefined;
  switch (key) {
    case ' ':
      return { kind: 'player', event: { type: 'TOGGLE' } };
    case 'ArrowRight':
      return { kind: 'player', event: { type: 'NEXT' } };
    case 'ArrowLeft':
      return { kind: 'player', event: { type: 'PREV' } };
    case '+':
    case '=':
      return { kind: 'player', event: { type: 'SPEED_UP' } };
    case '-':
    case '_':
      return { kind: 'player', event: { type: 'SPEED_DOWN' } };
    case 'Home':
      return { kind: 'player', event: { type: 'RESTART' } };
    case '.':
      return { kind: 'swallow' };
    default:
      return undefined;
  }
}
