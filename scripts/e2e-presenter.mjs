#!/usr/bin/env node
// End-to-end (part of `npm test`): the real app, served by vite, in headless Chromium at
// 1920×1080 with prefers-reduced-motion. Plays scenario 1 (deploy-scalable-web-app) in presenter
// mode with the keyboard only — P, →, ←, +, −, Space, Esc — checks what is on screen at each
// step (captions, ✓/✗, panels hidden, high contrast), that going back is exact, and saves
// screenshots at three steps to test-results/e2e/; opens `?present` directly (high-contrast
// canvas, F full screen, Esc). Then opens embed.html (the
// <cluster-playground> element under the strict CSP). Exits 1 on the first failed check.
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import assert from 'node:assert/strict';
import { CHROMIUM_ARGS, findChromium } from './ensure-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'test-results', 'e2e');
const SCENARIO = 'deploy-scalable-web-app';

/** What the page shows, read from the live app (the player actor and the shadow DOMs). */
const READ = () => {
  const app = document.querySelector('cp-app');
  const layer = app.querySelector('cp-scenario-layer');
  const snap = layer.player?.getSnapshot();
  const caption = layer.shadowRoot.querySelector('cp-caption')?.shadowRoot;
  const bar = layer.shadowRoot.querySelector('cp-player')?.shadowRoot;
  const sim = app.actor.getSnapshot().context.sim;
  const header = app.shadowRoot.querySelector('header');
  return {
    value: snap?.value,
    step: snap?.context.position.stepIndex,
    done: snap?.context.position.done,
    steps: snap?.context.timeline.scenario.steps.length,
    results: snap?.context.timeline.results.map((r) => (r ? r.ok : null)),
    speed: snap?.context.speed,
    title: caption?.querySelector('.step-title')?.textContent.trim(),
    counter: [...(caption?.querySelectorAll('.counter') ?? [])].map((e) => e.textContent.trim()),
    ticks: caption?.querySelectorAll('li.ok').length ?? 0,
    crosses: caption?.querySelectorAll('li.fail').length ?? 0,
    expectations:
      snap?.context.timeline.scenario.steps[snap.context.position.stepIndex]?.expect.length,
    status: bar?.querySelector('.status')?.textContent.replace(/\s+/g, ' ').trim(),
    present: app.present,
    theme: app.theme,
    headerDisplay: getComputedStyle(header).display,
    asideDisplay: getComputedStyle(app.shadowRoot.querySelector('aside')).display,
    sim: JSON.stringify(sim),
    now: sim.now,
    focusKind: snap
      ? layer.player.getSnapshot().context.timeline.scenario.steps[snap.context.position.stepIndex]
          ?.focus?.kind
      : undefined,
    animating: app.canvas?.stats().animating,
    url: location.search,
    csp: window.__cspViolations,
  };
};

async function main() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found (set CHROME_PATH)');
  mkdirSync(outDir, { recursive: true });
  const server = await createServer({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const base = server.resolvedUrls?.local[0];
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    protocolTimeout: 10 * 60 * 1000,
    args: [...CHROMIUM_ARGS, '--window-size=1920,1080'],
  });
  const errors = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1920, height: 1080 });
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error')
        errors.push(`console error: ${m.text()} (${m.location()?.url ?? ''})`);
    });
    await page.evaluateOnNewDocument(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const read = () => page.evaluate(READ);
    const press = async (key, times = 1) => {
      for (let i = 0; i < times; i++) {
        await page.keyboard.press(key);
        // Two frames: lit renders, the canvas draws.
        await page.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
        );
      }
    };
    const shoot = async (name) => {
      const file = path.join(outDir, `${name}.png`);
      await page.screenshot({ path: file });
      console.log(`  screenshot ${path.relative(root, file)}`);
    };
    const checkStepEnd = async (n) => {
      const s = await read();
      assert.equal(s.step, n - 1, `at step ${n}`);
      assert.equal(s.done, true, `step ${n} has completed`);
      assert.equal(s.crosses, 0, `step ${n}: no ✗ in the caption`);
      assert.equal(s.ticks, s.expectations, `step ${n}: one ✓ per expectation`);
      assert.match(s.counter.at(-1), new RegExp(`Step ${n} of ${s.steps}`));
      assert.match(s.status, new RegExp(`Step ${n} of ${s.steps} ✔ done`));
      return s;
    };

    // 1. The deep link opens the scenario at its first step; nothing has run.
    await page.goto(new URL(`/?scenario=${SCENARIO}`, base).href, {
      waitUntil: 'load',
      timeout: 180000,
    });
    // The canvas is up and the scenario (loaded lazily, after the playground) is open.
    await page.waitForFunction(
      () =>
        document.querySelector('cp-app')?.canvas !== undefined &&
        document.querySelector('cp-app cp-scenario-layer')?.player !== undefined,
      { timeout: 180000 },
    );
    let s = await read();
    assert.equal(s.step, 0);
    assert.equal(s.value, 'idle');
    assert.equal(s.present, false);
    assert.equal(s.headerDisplay, 'flex');
    const steps = s.steps;
    console.log(`  opened ${SCENARIO}: ${steps} steps, first "${s.title}"`);

    // 2. P: presenter mode — panels hidden, high contrast, URL says so.
    await press('p');
    s = await read();
    assert.equal(s.present, true, 'P enters presenter mode');
    assert.equal(s.theme, 'high-contrast');
    assert.equal(s.headerDisplay, 'none', 'header hidden');
    assert.equal(s.asideDisplay, 'none', 'side panels hidden');
    assert.match(s.url, /present/);

    // 3. → walks the steps: end of step 1, start of 2, end of 2, … end of 4.
    await press('ArrowRight');
    await checkStepEnd(1);
    await press('ArrowRight', 6);
    s = await checkStepEnd(4);
    assert.equal(s.animating, 0, 'reduced motion: the canvas does not tween');
    assert.match(s.url, /step=4/, 'the URL follows the step');
    await shoot('presenter-step-4');
    const endOf4 = s.sim;

    // 4. ← is exact: back to the start of step 4, the end of step 3, then forward again.
    await press('ArrowLeft');
    s = await read();
    assert.equal(s.step, 3);
    assert.equal(s.done, false);
    assert.notEqual(s.sim, endOf4);
    await press('ArrowLeft');
    await checkStepEnd(3);
    await press('ArrowRight', 2);
    s = await checkStepEnd(4);
    assert.equal(s.sim, endOf4, 'replaying step 4 gives exactly the same state');

    // 5. + / − and Space: play step 5 in real time at a higher speed, then pause.
    await press('ArrowRight');
    await press('+', 5);
    s = await read();
    assert.equal(s.speed, 32, '+ five times from 1× is 32×');
    assert.match(s.status, /32×/);
    await press('-');
    assert.equal((await read()).speed, 16, '− slows down');
    await press(' ');
    assert.equal((await read()).value, 'playing', 'Space plays');
    await page.waitForFunction(
      () => {
        const ctx = document.querySelector('cp-app cp-scenario-layer').player.getSnapshot().context;
        return ctx.position.stepIndex >= 5;
      },
      { timeout: 120000, polling: 100 },
    );
    await press(' ');
    s = await read();
    assert.equal(s.value, 'paused', 'Space pauses');
    assert.ok(s.results[4] === true, 'step 5 played through with its expectations holding');

    // 6. → to the end of step 7 (the scale-out), then to the end of the last step.
    while ((await read()).step < 6 || !(await read()).done) await press('ArrowRight');
    await checkStepEnd(7);
    await shoot('presenter-step-7');
    while ((await read()).step < steps - 1 || !(await read()).done) await press('ArrowRight');
    s = await checkStepEnd(steps);
    await shoot(`presenter-step-${steps}`);
    assert.deepEqual(s.results, Array(steps).fill(true), 'every step held');

    // 7. Esc leaves presenter mode; the panels and the theme come back.
    await press('Escape');
    s = await read();
    assert.equal(s.present, false);
    assert.equal(s.theme, 'light');
    assert.equal(s.headerDisplay, 'flex');
    assert.deepEqual(s.csp, [], 'no CSP violations');

    // 8. `?present` on load: high contrast reaches the canvas too; F goes full screen, Esc leaves.
    await page.goto(new URL(`/?scenario=${SCENARIO}&step=2&present`, base).href, {
      waitUntil: 'load',
      timeout: 180000,
    });
    await page.waitForFunction(
      () =>
        document.querySelector('cp-app')?.canvas !== undefined &&
        document.querySelector('cp-app cp-scenario-layer')?.player !== undefined,
      { timeout: 180000 },
    );
    s = await read();
    assert.equal(s.present, true, '?present opens presenter mode');
    assert.equal(s.step, 1, '&step=2 opens the second step');
    const background = await page.evaluate(() =>
      document.querySelector('cp-app').canvas.app.renderer.background.color.toNumber(),
    );
    assert.equal(background, 0x000000, 'the canvas is in the high-contrast theme');
    await press('f');
    await page.waitForFunction(() => document.fullscreenElement !== null, { timeout: 10000 });
    for (let i = 0; i < 3 && (await read()).present; i++) await press('Escape');
    s = await read();
    assert.equal(s.present, false, 'Esc leaves presenter mode');
    assert.equal(await page.evaluate(() => document.fullscreenElement), null, 'and full screen');

    // 9. The embedding test page: <cluster-playground> under the same CSP.
    await page.emulateMediaFeatures([]);
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(new URL('/embed.html', base).href, { waitUntil: 'load', timeout: 180000 });
    await page.waitForFunction(
      () => document.querySelector('cluster-playground')?.app?.canvas !== undefined,
      { timeout: 180000 },
    );
    const embed = await page.evaluate(() => {
      const el = document.querySelector('cluster-playground');
      const layer = el.app.querySelector('cp-scenario-layer');
      const caption = layer.shadowRoot.querySelector('cp-caption').shadowRoot;
      return {
        counter: caption.querySelector('.counter:last-of-type')?.textContent.trim(),
        title: caption.querySelector('.step-title')?.textContent.trim(),
        height: el.clientHeight,
        csp: window.__cspViolations,
      };
    });
    assert.match(embed.counter, new RegExp(`Step 4 of ${steps}`), 'the embed opens at step="4"');
    assert.equal(embed.height, 640, 'the page sizes the element');
    assert.deepEqual(embed.csp, [], 'no CSP violations in the embed');
    await page.focus('cluster-playground');
    await press('ArrowRight');
    const after = await page.evaluate(
      () =>
        document
          .querySelector('cluster-playground')
          .app.querySelector('cp-scenario-layer')
          .player.getSnapshot().context.position.done,
    );
    assert.equal(after, true, '→ on the focused embed runs its step');
    await shoot('embed');
    assert.deepEqual(errors, [], 'no page or console errors');
    console.log('e2e presenter: all checks passed');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error('\ne2e presenter FAILED:', error.message ?? error);
  process.exit(1);
});
