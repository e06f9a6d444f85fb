/**
 * Issue 9: the BUILT app (vite build output) runs under the strict Content-Security-Policy of
 * index.html with no violation. The build goes to a temporary directory, a tiny static server
 * serves it, and headless Chromium records every `securitypolicyviolation` event and page error
 * while the app starts, runs and is driven from the keyboard.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

let outDir = '';
let server: Server;
let browser: Browser;
let origin = '';

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'cp-dist-'));
  await build({
    root: ROOT,
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(outDir, path === '/' ? 'index.html' : path);
    try {
      const body = readFileSync(file.startsWith(outDir) ? file : join(outDir, 'index.html'));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // scripts/ensure-chromium.mjs is plain JS (no types): import it by a computed specifier.
  const chromium: string = '../../scripts/ensure-chromium.mjs';
  const { CHROMIUM_ARGS, findChromium } = (await import(chromium)) as {
    CHROMIUM_ARGS: string[];
    findChromium: () => string;
  };
  browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the built app under its Content-Security-Policy', () => {
  it('index.html keeps a strict CSP: no inline scripts, no eval', () => {
    const htmlText = readFileSync(join(outDir, 'index.html'), 'utf8');
    const csp =
      /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(htmlText)?.[1] ?? '';
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc.trim()).toBe("'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    // Every script of the built page is an external file (no inline code).
    const scripts = [...htmlText.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="/);
      expect(body?.trim()).toBe('');
    }
  });

  it('starts, runs and takes keyboard input with no CSP violation or page error', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.evaluateOnNewDocument(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    // The app rendered: <cp-app> has its shadow DOM with the canvas host and panels.
    await page.waitForFunction(
      () => {
        const app = document.querySelector('cp-app');
        return !!app?.shadowRoot && app.shadowRoot.querySelectorAll('*').length > 5;
      },
      { timeout: 60_000 },
    );
    await page.waitForFunction(
      () => !!document.querySelector('cp-app')?.shadowRoot?.querySelector('canvas'),
      { timeout: 60_000 },
    );
    // Drive it: play/pause, speed, help, and tabbing through the controls.
    for (const key of [' ', 'ArrowRight', 'Tab', 'Tab', 'Tab', '?', 'Escape', ' '])
      await page.keyboard.press(key as never);
    await new Promise((r) => setTimeout(r, 1500));
    const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect(violations).toEqual([]);
    expect(errors.filter((e) => !/WebGL|GPU|swiftshader/i.test(e))).toEqual([]);
    // The listener is live: an injected inline script is reported (so an empty list means none).
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    await new Promise((r) => setTimeout(r, 200));
    const after = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    expect(after.length).toBe(1);
    expect(after[0]).toMatch(/^script-src/);
    expect(
      await page.evaluate(() => (window as unknown as { __inline?: number }).__inline),
    ).toBeUndefined();
    await page.close();
  }, 120_000);
});
