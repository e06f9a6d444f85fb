#!/usr/bin/env node
// Finds a Chromium/Chrome for the browser tests and prints its path.
// Order: $CHROME_PATH, /usr/bin/chromium, other common paths. When none exists and we run as root on
// Debian/Ubuntu, installs Debian's `chromium` with apt-get; otherwise explains how to get one.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);

/**
 * Flags every headless Chromium of this project starts with (browser tests, e2e, bench, CSP test):
 * root needs --no-sandbox; WebGL through SwiftShader; no background traffic to Google services.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export function findChromium() {
  return CANDIDATES.find((p) => existsSync(p));
}

function isDebianLike() {
  try {
    return /debian|ubuntu/i.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

function install() {
  const opts = {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  };
  console.error(
    'cluster-playground: no Chromium found; installing Debian\'s "chromium" with apt-get…',
  );
  execFileSync('apt-get', ['update', '-qq'], opts);
  execFileSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'],
    opts,
  );
}

export function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && isDebianLike()) {
    install();
    found = findChromium();
    if (found) return found;
  }
  console.error(
    [
      'cluster-playground: the browser tests need Chromium or Chrome and none was found.',
      '  Debian/Ubuntu: sudo apt-get install chromium',
      '  macOS: install Google Chrome',
      '  Or point CHROME_PATH at a Chrome/Chromium executable.',
    ].join('\n'),
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureChromium());
}
