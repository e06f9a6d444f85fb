import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-toolbar.ts';
import type { CpToolbar } from '../../../src/ui/cp-toolbar.ts';
import { shortcutEvent } from '../../../src/ui/keyboard-shortcuts.ts';
import type { SimState } from '../../../src/sim/index.ts';
import { mountWithActor, part, settle, startHarness } from '../ui/ui-harness.ts';

const withoutVersion = (s: SimState): string => JSON.stringify({ ...s, version: 0 });

describe('undo and redo from the toolbar', () => {
  it('Undo and Redo are disabled until there is something to undo or redo, and round trip', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpToolbar>(html`<cp-toolbar></cp-toolbar>`, h.actor);
    const undo = part<HTMLButtonElement>(el, '.undo');
    const redo = part<HTMLButtonElement>(el, '.redo');
    expect(undo.disabled).to.equal(true);
    expect(redo.disabled).to.equal(true);
    for (let i = 0; i < 5; i++) h.actor.send({ type: 'STEP' });
    const before = h.sim();
    h.actor.send({
      type: 'COMMAND',
      command: { type: 'ADD_INSTANCE', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
    });
    for (let i = 0; i < 5; i++) h.actor.send({ type: 'STEP' });
    const after = h.sim();
    await settle(el);
    expect(undo.disabled).to.equal(false);
    undo.click();
    await settle(el);
    expect(h.sent.at(-1)).to.deep.equal({ type: 'UNDO' });
    expect(withoutVersion(h.sim())).to.equal(withoutVersion(before));
    expect(undo.disabled).to.equal(true);
    expect(redo.disabled).to.equal(false);
    redo.click();
    await settle(el);
    expect(h.sent.at(-1)).to.deep.equal({ type: 'REDO' });
    expect(withoutVersion(h.sim())).to.equal(withoutVersion(after));
    expect(redo.disabled).to.equal(true);
  });

  it('Ctrl+Z / Ctrl+Shift+Z / ⌘+Z map to UNDO and REDO, but not inside a text field', () => {
    const none = { ctrl: false, meta: false, alt: false };
    expect(shortcutEvent('z', document.body, { ...none, ctrl: true })).to.deep.equal({
      type: 'UNDO',
    });
    expect(shortcutEvent('Z', document.body, { ...none, ctrl: true, shift: true })).to.deep.equal({
      type: 'REDO',
    });
    expect(shortcutEvent('z', document.body, { ...none, meta: true })).to.deep.equal({
      type: 'UNDO',
    });
    expect(shortcutEvent('y', document.body, { ...none, ctrl: true })).to.deep.equal({
      type: 'REDO',
    });
    const input = document.createElement('input');
    expect(shortcutEvent('z', input, { ...none, ctrl: true })).to.equal(undefined);
    expect(shortcutEvent('z', document.body, none)).to.equal(undefined);
  });
});
