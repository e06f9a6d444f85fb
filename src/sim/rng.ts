/**
 * Seeded pseudo-random numbers (sfc32). The generator's whole state is four uint32 words that live
 * inside the simulation state, so every rule stays pure and a run replays exactly from its seed.
 */

/** The PRNG state: four unsigned 32-bit words. Treat as opaque; never mutate. */
export type RngState = readonly [number, number, number, number];

/** Pure: derives a well-mixed generator state from any integer seed (splitmix32 expansion). */
export function seedRng(seed: number): RngState {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const state: [number, number, number, number] = [next(), next(), next(), next()];
  // Warm up so nearby seeds diverge immediately.
  let rng: RngState = state;
  for (let i = 0; i < 12; i++) rng = nextUint32(rng)[1];
  return rng;
}

/** Pure: returns the next uint32 and the advanced state. */
export function nextUint32(rng: RngState): [number, RngState] {
  let [a, b, c, d] = rng;
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = ((c << 21) | (c >>> 11)) >>> 0;
  c = (c + t) >>> 0;
  return [t >>> 0, [a >>> 0, b >>> 0, c, d]];
}

/** Pure: a float in [0, 1) and the advanced state. */
export function nextFloat(rng: RngState): [number, RngState] {
  const [u, next] = nextUint32(rng);
  return [u / 4294967296, next];
}

/** Pure: an integer in [min, max] (inclusive) and the advanced state. */
export function nextInt(rng: RngState, min: number, max: number): [number, RngState] {
  const [f, next] = nextFloat(rng);
  return [min + Math.floor(f * (max - min + 1)), next];
}

/** Pure: `count` lowercase hex digits (e.g. ECS task ids are 32 hex digits) and the advanced state. */
export function nextHex(rng: RngState, count: number): [string, RngState] {
  let out = '';
  let state = rng;
  while (out.length < count) {
    const [u, next] = nextUint32(state);
    state = next;
    out += u.toString(16).padStart(8, '0');
  }
  return [out.slice(0, count), state];
}

/**
 * A mutable cursor over an RngState for use *inside* one pure step: draw many numbers, then read
 * `.state` back into the new simulation state. Never share a cursor between steps.
 */
export class RngCursor {
  constructor(public state: RngState) {}
  float(): number {
    const [f, s] = nextFloat(this.state);
    this.state = s;
    return f;
  }
  int(min: number, max: number): number {
    const [n, s] = nextInt(this.state, min, max);
    this.state = s;
    return n;
  }
  hex(count: number): string {
    const [h, s] = nextHex(this.state, count);
    this.state = s;
    return h;
  }
  /** Uniform pick from a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
}
