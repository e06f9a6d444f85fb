/**
 * A small, allocation-free tween helper. A Tween is a reusable record (start time, duration, easing)
 * owned by a view; the canvas steps active views once per ticker frame with the frame's time, so
 * nothing is created per frame. `duration` 0 (reduced motion) finishes on the first step.
 */

/** Easing: fast start, gentle landing. */
export function easeOutCubic(t: number): number {
  const u = 1 - t;
  return 1 - u * u * u;
}

/** Linear interpolation. */
export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Interpolates two 0xRRGGBB colours channel by channel. */
export function lerpColor(a: number, b: number, t: number): number {
  if (t <= 0) return a;
  if (t >= 1) return b;
  const r = lerp((a >> 16) & 0xff, (b >> 16) & 0xff, t);
  const g = lerp((a >> 8) & 0xff, (b >> 8) & 0xff, t);
  const bl = lerp(a & 0xff, b & 0xff, t);
  return ((r & 0xff) << 16) | ((g & 0xff) << 8) | (bl & 0xff);
}

/** A reusable timeline segment: call `start`, then `progress(now)` each frame until `done`. */
export class Tween {
  startMs = 0;
  durationMs = 0;
  active = false;

  /** Starts (or restarts) the tween at `nowMs` for `durationMs`. */
  start(nowMs: number, durationMs: number): void {
    this.startMs = nowMs;
    this.durationMs = durationMs;
    this.active = true;
  }

  /** Eased progress in [0, 1] at `nowMs`; marks the tween inactive once it reaches 1. */
  progress(nowMs: number, ease: (t: number) => number = easeOutCubic): number {
    if (!this.active) return 1;
    // A tween may be started in the future (a delayed segment): it holds at 0 until then.
    if (nowMs < this.startMs) return ease(0);
    const raw = this.durationMs <= 0 ? 1 : (nowMs - this.startMs) / this.durationMs;
    if (raw >= 1) {
      this.active = false;
      return 1;
    }
    return ease(raw < 0 ? 0 : raw);
  }

  /** Raw (uneased) progress, for effects such as a shake. */
  raw(nowMs: number): number {
    if (nowMs < this.startMs) return 0;
    if (this.durationMs <= 0) return 1;
    const t = (nowMs - this.startMs) / this.durationMs;
    return t < 0 ? 0 : t > 1 ? 1 : t;
  }
}

/** Animation durations in ms; the canvas multiplies them by 0 under reduced motion. */
export const DURATIONS = {
  move: 450,
  enter: 400,
  color: 250,
  shake: 600,
  crashFade: 900,
  exit: 600,
  /** Under reduced motion a crashed tile still holds its red colour this long (no motion). */
  reducedHold: 1200,
} as const;
