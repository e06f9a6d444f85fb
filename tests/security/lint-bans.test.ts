/**
 * Issue 9: the lint rules that keep data from becoming markup or code really fire, in every layer
 * of src (ESLint's flat config applies rules per path, and a layer's override could drop them).
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

const SINKS: readonly [string, string][] = [
  ['innerHTML', 'export function f(el: HTMLElement, s: string) { el.innerHTML = s; }'],
  ['innerHTML +=', 'export function f(el: HTMLElement, s: string) { el.innerHTML += s; }'],
  ['computed innerHTML', "export function f(el: HTMLElement, s: string) { el['innerHTML'] = s; }"],
  ['outerHTML', 'export function f(el: HTMLElement, s: string) { el.outerHTML = s; }'],
  [
    'insertAdjacentHTML',
    "export function f(el: HTMLElement, s: string) { el.insertAdjacentHTML('beforeend', s); }",
  ],
  ['document.write', 'export function f(s: string) { document.write(s); }'],
  [
    'createContextualFragment',
    'export function f(s: string) { return new Range().createContextualFragment(s); }',
  ],
  [
    'DOMParser',
    "export function f(s: string) { return new DOMParser().parseFromString(s, 'text/html'); }",
  ],
  ['srcdoc', 'export function f(el: HTMLIFrameElement, s: string) { el.srcdoc = s; }'],
  ['eval', 'export function f(s: string) { return eval(s); }'],
  ['new Function', 'export function f(s: string) { return new Function(s); }'],
  ['Function()', 'export function f(s: string) { return Function(s); }'],
  ['setTimeout(string)', "export function f() { setTimeout('alert(1)', 0); }"],
  [
    'unsafeHTML',
    "import { unsafeHTML } from 'lit/directives/unsafe-html.js';\nexport const x = unsafeHTML;",
  ],
  [
    'unsafeHTML (lit-html)',
    "import { unsafeHTML } from 'lit-html/directives/unsafe-html.js';\nexport const x = unsafeHTML;",
  ],
  [
    'unsafeSVG',
    "import { unsafeSVG } from 'lit/directives/unsafe-svg.js';\nexport const x = unsafeSVG;",
  ],
  [
    'unsafeStatic',
    "import { unsafeStatic } from 'lit/static-html.js';\nexport const x = unsafeStatic;",
  ],
];

const LAYERS = [
  'src/ui',
  'src/render',
  'src/machine',
  'src/cli',
  'src/sim',
  'src/formats',
  'src/terminal',
  'src',
];

describe('lint bans on markup and code from strings', () => {
  for (const layer of LAYERS) {
    it(`every sink is an error in ${layer}/`, async () => {
      for (const [name, code] of SINKS) {
        const [result] = await eslint.lintText(code, {
          filePath: join(ROOT, layer, 'zz-lint-probe.ts'),
        });
        const errors = (result?.messages ?? []).filter((m) => m.severity === 2);
        expect(errors.length, `${name} not reported in ${layer}`).toBeGreaterThan(0);
      }
    }, 60_000);
  }

  it('text bindings and textContent stay allowed', async () => {
    const code =
      "import { html } from 'lit';\nexport const t = (s: string, el: HTMLElement) => { el.textContent = s; return html`<b>${s}</b>`; };";
    const [result] = await eslint.lintText(code, {
      filePath: join(ROOT, 'src/ui/zz-lint-probe.ts'),
    });
    expect(result?.messages.filter((m) => m.severity === 2)).toEqual([]);
  });
});
