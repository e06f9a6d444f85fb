// @web/test-runner: component, canvas and end-to-end tests in real headless Chromium.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { CHROMIUM_ARGS, findChromium } from './scripts/ensure-chromium.mjs';
import { pointerPlugin } from './scripts/wtr-pointer-plugin.mjs';

// pixi.js v8 pulls in CommonJS-only `eventemitter3` and `@xmldom/xmldom`.
const commonjs = fromRollup(rollupCommonjs);

const executablePath = findChromium();

/**
 * Server command `determinism-digests` (issue 9): plays the shared determinism workload in this node
 * process (tsx loads the TypeScript) so tests/browser/determinism can compare Chromium's digests to
 * node's, computed fresh on every run.
 */
const determinismDigests = {
  name: 'determinism-digests',
  async executeCommand({ command, payload }) {
    if (command !== 'determinism-digests') return undefined;
    const { tsImport } = await import('tsx/esm/api');
    const workload = await tsImport('./tests/determinism/workload.ts', import.meta.url);
    return workload.playRuns(payload?.runs);
  },
};

export default {
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 120000,
  testFramework: { config: { timeout: 30000 } },
  plugins: [
    pointerPlugin(), // real touch / pen input (CDP) for tests/browser/sandbox
    determinismDigests,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    commonjs({
      include: [
        '**/node_modules/eventemitter3/**',
        '**/node_modules/@xmldom/xmldom/**',
        '**/node_modules/parse-svg-path/**',
        '**/node_modules/earcut/**',
      ],
      strictRequires: false,
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
