/**
 * The panels' result messages keep the message's own line breaks (white-space: pre-wrap) but
 * must not show the template's indentation: the palette's "Not done: …" and the other results
 * started ~90 px in, after a blank run of spaces.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/ui/cp-app.ts';
import '../../../src/ui/cp-palette.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpPalette } from '../../../src/ui/cp-palette.ts';
import { part, settle, startHarness } from '../ui/ui-harness.ts';

/** Left edge of the first glyph of `text` inside `el`. */
function firstGlyphLeft(el: Element, text: string): number {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    const i = n.textContent!.indexOf(text);
    if (i < 0) continue;
    const range = document.createRange();
    range.setStart(n, i);
    range.setEnd(n, i + 1);
    return range.getBoundingClientRect().left;
  }
  throw new Error(`"${text}" not found`);
}

describe('result messages start at their box’s left edge', () => {
  it('the palette’s result, one line and two', async () => {
    const h = startHarness();
    const app = await fixture<CpApp>(
      html`<cp-app style="width: 1600px; height: 1000px" no-ticker .actor=${h.actor}></cp-app>`,
    );
    await settle(app);
    const palette = part<CpPalette>(app, 'cp-palette');
    await settle(palette);
    palette.report('Not done: first line\nsecond line', true);
    await settle(palette);
    const p = part(palette, '.result');
    const style = getComputedStyle(p);
    const contentLeft =
      p.getBoundingClientRect().left +
      parseFloat(style.borderLeftWidth) +
      parseFloat(style.paddingLeft);
    expect(firstGlyphLeft(p, 'Not done')).to.be.closeTo(contentLeft, 2);
    // The message's own line break is kept: the second line starts at the left edge too.
    expect(firstGlyphLeft(p, 'second line')).to.be.closeTo(contentLeft, 2);
    expect(p.textContent!.trim()).to.equal('Not done: first line\nsecond line');
  });
});
