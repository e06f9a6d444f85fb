import { describe, expect, it } from 'vitest';
import { playerKeyAction } from '../../src/ui/player-keys.ts';

const none = { ctrl: false, meta: false, alt: false };

describe('player keys: V shows the next view in presenter mode (player-keys.ts)', () => {
  it('V / v in presenter mode, with or without a scenario', () => {
    for (const key of ['v', 'V']) {
      expect(playerKeyAction(key, undefined, none, { scenario: true, presenting: true })).toEqual({
        kind: 'view',
      });
      expect(playerKeyAction(key, undefined, none, { scenario: false, presenting: true })).toEqual({
        kind: 'view',
      });
    }
  });

  it('not outside presenter mode (the view buttons are there), nor with Ctrl/⌘/Alt', () => {
    expect(playerKeyAction('v', undefined, none, { scenario: true, presenting: false })).toBe(
      undefined,
    );
    expect(
      playerKeyAction(
        'v',
        undefined,
        { ...none, ctrl: true },
        { scenario: true, presenting: true },
      ),
    ).toBe(undefined);
  });
});
