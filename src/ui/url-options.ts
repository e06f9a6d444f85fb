/**
 * Pure: the playground's start options from the page URL (`?seed=7&speed=4&theme=dark&paused`),
 * with safe defaults for anything missing or malformed.
 */
import { DEFAULT_SPEED, clampSpeed } from '../machine/sim-clock.ts';
import type { AppTheme } from './cp-app.ts';

/** What the page starts with. */
export interface StartOptions {
  /** Seed of the simulation's PRNG: same seed, same run. Default 1. */
  readonly seed: number;
  readonly speed: number;
  readonly theme: AppTheme;
  readonly paused: boolean;
}

/** Parses `search` (e.g. location.search). Seeds are unsigned 32-bit integers, as the PRNG uses them. */
export function parseStartOptions(search: string): StartOptions {
  const params = new URLSearchParams(search);
  const seedText = params.get('seed');
  const seed = seedText !== null && /^\d{1,10}$/.test(seedText) ? Number(seedText) >>> 0 : 1;
  const speedText = params.get('speed');
  const speed = speedText === null ? DEFAULT_SPEED : clampSpeed(Number(speedText));
  const theme: AppTheme = params.get('theme') === 'dark' ? 'dark' : 'light';
  const paused = params.has('paused') && params.get('paused') !== 'false';
  return { seed, speed, theme, paused };
}
