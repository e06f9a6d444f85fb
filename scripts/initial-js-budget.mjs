// Issue 8's start budget: the JavaScript the page loads before its first frame — the entry
// script of index.html and the chunks it lists as <link rel="modulepreload"> (its static
// imports) — at most 200 KB gzipped. Lazy chunks (editors, charts, the EKS simulation) do not count.
//
// `initialJsBudget()` is a Vite plugin: `vite build` prints the figure and fails when the budget
// is exceeded, so a change that pulls lazy code into the first load (one barrel import did, at
// 228.5 KB) is caught by the build that CI runs, not only by reading `npm run bench`. The size is
// a property of the build output, not a timing. `npm run bench` reports the same figure through
// the same function (scripts/bench-start.mjs).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

export const INITIAL_JS_BUDGET_KB = 200;

/** The JS files a built page loads at start: its module scripts, then its modulepreloads. */
export function initialScripts(html) {
  return [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => m[1]);
}

/**
 * The initial JS of the built page `page` in `outDir`, as written to disk: its files and their
 * summed gzipped size in bytes.
 */
export function initialJs(outDir, page = 'index.html') {
  const files = initialScripts(readFileSync(path.join(outDir, page), 'utf8'));
  let gzBytes = 0;
  for (const f of files) gzBytes += gzipSync(readFileSync(path.join(outDir, f))).length;
  return { files, gzBytes };
}

/**
 * Vite plugin (build only): reports index.html's initial JS and fails over `budgetKb` — or only
 * warns with `failOver: false`, as `npm run bench` builds (CP_INITIAL_JS_WARN_ONLY=1): the bench
 * reports every figure, over budget or not, and fails only when it cannot measure.
 */
export function initialJsBudget({
  page = 'index.html',
  budgetKb = INITIAL_JS_BUDGET_KB,
  failOver = !process.env.CP_INITIAL_JS_WARN_ONLY,
} = {}) {
  return {
    name: 'cluster-playground:initial-js-budget',
    apply: 'build',
    // After the files are written: the figure is of the bytes a browser downloads.
    writeBundle(options, bundle) {
      if (!options.dir || !(page in bundle)) return;
      const { files, gzBytes } = initialJs(options.dir, page);
      const kb = gzBytes / 1024;
      const line = `initial JS of ${page} (${files.length} file(s)): ${kb.toFixed(1)} KB gzipped, budget ${budgetKb} KB`;
      if (kb > budgetKb) {
        (failOver ? this.error : this.warn).call(
          this,
          `${line} — over budget. Something the first load imports statically pulled in code that should load lazily (a barrel import, an editor, a chart, the EKS simulation): import it with import(), or from its own module.`,
        );
      } else this.info(line);
    },
  };
}
