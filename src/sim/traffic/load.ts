/**
 * Load generator: how many requests per second arrive at a service's load balancer at a simulated
 * instant. Shapes are plain data so a scenario file can script them and the UI can swap them live.
 * Pure and deterministic: time is the simulated clock (ms), noise comes from a passed-in RngState.
 */
import { nextFloat, type RngState } from '../rng.ts';

/** One scripted point of a `steps` shape: from `atSeconds` on, the rate is `rps`. */
export interface LoadStep {
  readonly atSeconds: number;
  readonly rps: number;
}

/** The shape of the offered load over simulated time (all times in simulated seconds). */
export type LoadShape =
  | { readonly kind: 'constant'; readonly rps: number }
  /** Linear from `from` to `to` over `durationSeconds`, starting at `startSeconds` (default 0). */
  | {
      readonly kind: 'ramp';
      readonly from: number;
      readonly to: number;
      readonly durationSeconds: number;
      readonly startSeconds?: number;
    }
  /** `base`, jumping to `peak` during [startSeconds, startSeconds + durationSeconds). */
  | {
      readonly kind: 'spike';
      readonly base: number;
      readonly peak: number;
      readonly startSeconds: number;
      readonly durationSeconds: number;
    }
  /** Daily cycle: mean + amplitude × sin(2π (t − phase) / period); period defaults to 24 h. */
  | {
      readonly kind: 'sine';
      readonly mean: number;
      readonly amplitude: number;
      readonly periodSeconds?: number;
      readonly phaseSeconds?: number;
    }
  /** Scripted step list; before the first step the rate is `initialRps` (default 0). */
  | { readonly kind: 'steps'; readonly steps: readonly LoadStep[]; readonly initialRps?: number };

/** A load profile: a shape plus optional multiplicative noise (0.05 = ±5 %, uniform). */
export interface LoadProfile {
  readonly shape: LoadShape;
  readonly noise?: number;
}

/** Default period of the `sine` shape: one simulated day. */
export const DAY_SECONDS = 24 * 60 * 60;

/**
 * Pure: the noiseless request rate (requests/second, never negative) of `load` at simulated time
 * `tMs`. Accepts a bare shape or a profile (whose noise is ignored here; see `sampleRps`).
 */
export function rpsAt(load: LoadShape | LoadProfile, tMs: number): number {
  const shape = 'shape' in load ? load.shape : load;
  return Math.max(0, shapeRps(shape, tMs / 1000));
}

function shapeRps(shape: LoadShape, t: number): number {
  switch (shape.kind) {
    case 'constant':
      return shape.rps;
    case 'ramp': {
      const start = shape.startSeconds ?? 0;
      if (t <= start) return shape.from;
      if (shape.durationSeconds <= 0 || t >= start + shape.durationSeconds) return shape.to;
      return shape.from + ((shape.to - shape.from) * (t - start)) / shape.durationSeconds;
    }
    case 'spike': {
      const inSpike = t >= shape.startSeconds && t < shape.startSeconds + shape.durationSeconds;
      return inSpike ? shape.peak : shape.base;
    }
    case 'sine': {
      const period = shape.periodSeconds ?? DAY_SECONDS;
      const phase = shape.phaseSeconds ?? 0;
      return shape.mean + shape.amplitude * Math.sin((2 * Math.PI * (t - phase)) / period);
    }
    case 'steps': {
      let rps = shape.initialRps ?? 0;
      // Steps may be given in any order; the latest one at or before t wins.
      let latest = -Infinity;
      for (const step of shape.steps) {
        if (step.atSeconds <= t && step.atSeconds >= latest) {
          latest = step.atSeconds;
          rps = step.rps;
        }
      }
      return rps;
    }
  }
}

/**
 * Pure: the request rate at `tMs` with the profile's noise applied, drawing one number from `rng`
 * only when noise is set. Returns the rate and the advanced RNG state.
 */
export function sampleRps(load: LoadProfile, tMs: number, rng: RngState): [number, RngState] {
  const base = rpsAt(load, tMs);
  const noise = load.noise ?? 0;
  if (noise <= 0 || base === 0) return [base, rng];
  const [f, next] = nextFloat(rng);
  return [Math.max(0, base * (1 + noise * (2 * f - 1))), next];
}

/**
 * Pure: turns a (fractional) rate into a whole number of requests for a step of `dtMs`, carrying
 * the fraction into the next step so that over time the count matches the rate exactly.
 */
export function requestsInStep(
  rps: number,
  dtMs: number,
  carry: number,
): { readonly requests: number; readonly carry: number } {
  const out = { requests: 0, carry: 0 };
  requestsInStepInto(rps, dtMs, carry, out);
  return out;
}

/** `requestsInStep` written into `out` (the traffic step's per-service hot path allocates nothing). */
export function requestsInStepInto(
  rps: number,
  dtMs: number,
  carry: number,
  out: { requests: number; carry: number },
): void {
  const exact = Math.max(0, rps) * (dtMs / 1000) + carry;
  const requests = Math.floor(exact + 1e-9);
  out.requests = requests;
  out.carry = Math.max(0, exact - requests);
}
