// The initial-JS budget check that `vite build` runs (scripts/initial-js-budget.mjs): which files
// count, how they are sized, and that going over the budget fails the build (or, for the bench,
// only warns).
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { initialJs, initialJsBudget, initialScripts } from '../../scripts/initial-js-budget.mjs';

const HTML = `<!doctype html><html><head>
<script type="module" crossorigin src="/assets/index-abc.js"></script>
<link rel="modulepreload" crossorigin href="/assets/cp-app-def.js">
<link rel="stylesheet" href="/assets/index-xyz.css">
</head><body><cluster-playground></cluster-playground></body></html>`;

/** A built site: index.html, its two initial chunks and a lazy chunk it does not list. */
function site(sizes: { entry: number; app: number; lazy: number }): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cp-budget-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), HTML);
  // Incompressible-ish bytes, so the gzipped size grows with the length.
  const bytes = (n: number, seed: number): Buffer => {
    const b = Buffer.alloc(n);
    let x = seed;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      b[i] = x >>> 24;
    }
    return b;
  };
  writeFileSync(path.join(dir, 'assets/index-abc.js'), bytes(sizes.entry, 1));
  writeFileSync(path.join(dir, 'assets/cp-app-def.js'), bytes(sizes.app, 2));
  writeFileSync(path.join(dir, 'assets/editor-lazy.js'), bytes(sizes.lazy, 3));
  return dir;
}

function runPlugin(dir: string, failOver: boolean) {
  const plugin = initialJsBudget({ failOver });
  const calls: { error: string[]; warn: string[]; info: string[] } = {
    error: [],
    warn: [],
    info: [],
  };
  const ctx = {
    error: (m: string) => {
      calls.error.push(m);
      throw new Error(m);
    },
    warn: (m: string) => calls.warn.push(m),
    info: (m: string) => calls.info.push(m),
  };
  let thrown: unknown;
  try {
    plugin.writeBundle.call(ctx, { dir }, { 'index.html': {} });
  } catch (e) {
    thrown = e;
  }
  return { calls, thrown };
}

describe('initial JS budget', () => {
  it('counts the module script and the modulepreloads, not stylesheets or lazy chunks', () => {
    expect(initialScripts(HTML)).toEqual(['/assets/index-abc.js', '/assets/cp-app-def.js']);
    const dir = site({ entry: 2000, app: 50_000, lazy: 300_000 });
    const { files, gzBytes } = initialJs(dir);
    expect(files).toEqual(['/assets/index-abc.js', '/assets/cp-app-def.js']);
    const gz = (f: string) => gzipSync(readFileSync(path.join(dir, f))).length;
    expect(gzBytes).toBe(gz('assets/index-abc.js') + gz('assets/cp-app-def.js'));
    expect(gzBytes).toBeLessThan(60_000);
  });

  it('reports the figure under the budget and fails the build over it', () => {
    const under = runPlugin(site({ entry: 2000, app: 150_000, lazy: 400_000 }), true);
    expect(under.thrown).toBeUndefined();
    expect(under.calls.info[0]).toMatch(
      /initial JS of index\.html \(2 file\(s\)\): 1[45]\d\.\d KB gzipped, budget 200 KB/,
    );

    const over = runPlugin(site({ entry: 2000, app: 220_000, lazy: 0 }), true);
    expect(over.thrown).toBeInstanceOf(Error);
    expect(over.calls.error[0]).toMatch(/over budget/);
    expect(over.calls.info).toEqual([]);
  });

  it('only warns over the budget when asked to (the bench reports every figure)', () => {
    const over = runPlugin(site({ entry: 2000, app: 220_000, lazy: 0 }), false);
    expect(over.thrown).toBeUndefined();
    expect(over.calls.warn[0]).toMatch(/21\d\.\d KB gzipped, budget 200 KB — over budget/);
  });
});
