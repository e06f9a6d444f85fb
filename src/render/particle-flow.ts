/**
 * Request particles flowing from one source point to weighted targets: a fixed pool of quads of
 * one QuadBatch (one draw call, quad-batch.ts) moved in place each frame (no per-frame
 * allocation), targets drawn in proportion to their share
 * of the requests. Visual only: its xorshift stream never touches the simulation. Used by the EKS
 * traffic view (k8s-traffic-view.ts) and the ECS TrafficView (traffic-view.ts).
 */
import { Container } from 'pixi.js';
import { QuadBatch } from './quad-batch.ts';

const TRAVEL_MS = 900;
const PARTICLE_SIZE = 5;

export class ParticleFlow {
  readonly root = new Container({ label: 'particles' });
  private readonly quads: QuadBatch;
  private readonly particles: number[] = [];
  private readonly progress: Float32Array;
  private readonly target: Int32Array;
  /** Where each active particle's quad goes now (top-left) and its alpha (place() writes them). */
  private readonly qx: Float64Array;
  private readonly qy: Float64Array;
  private readonly qa: Float64Array;
  private tx = new Float32Array(64);
  private ty = new Float32Array(64);
  private cum = new Float64Array(64);
  private targets = 0;
  private total = 0;
  private active = 0;
  private sourceX = 0;
  private sourceY = 0;
  private seed = 0x2545f491;
  private lastFrame = 0;

  constructor(
    readonly max: number,
    private readonly tint: number,
  ) {
    this.progress = new Float32Array(max);
    this.target = new Int32Array(max);
    this.qx = new Float64Array(max);
    this.qy = new Float64Array(max);
    this.qa = new Float64Array(max);
    this.quads = new QuadBatch(max, 'particle-quads', 'solid');
    for (let i = 0; i < max; i++) this.particles.push(this.quads.acquire());
    this.root.addChild(this.quads.mesh);
  }

  /** Particles on their way now. */
  get count(): number {
    return this.active;
  }

  /** Starts a new set of targets from the source point (call `add` for each, then `commit`). */
  begin(sourceX: number, sourceY: number): void {
    this.sourceX = sourceX;
    this.sourceY = sourceY;
    this.targets = 0;
    this.total = 0;
  }

  /** A target point receiving `rps` requests per second. */
  add(x: number, y: number, rps: number): void {
    if (rps <= 0) return;
    if (this.targets >= this.cum.length) this.grow();
    this.total += rps;
    this.tx[this.targets] = x;
    this.ty[this.targets] = y;
    this.cum[this.targets] = this.total;
    this.targets++;
  }

  /** Sets the particle count from the total rate: about 3 per √(req/s), capped; none without targets. */
  commit(): void {
    const n = this.targets;
    const want =
      n === 0 ? 0 : Math.min(this.max, Math.max(8, Math.round(3 * Math.sqrt(this.total))));
    for (let i = this.active; i < want; i++) {
      this.progress[i] = this.random();
      this.target[i] = this.pick();
    }
    for (let i = want; i < this.active; i++) this.quads.hideSlot(this.particles[i]!);
    for (let i = 0; i < want; i++) {
      if (this.target[i]! >= n) this.target[i] = this.pick();
    }
    this.active = want;
    this.place();
  }

  /** Moves the particles (once per frame; allocation-free). `motion` 0 freezes them. */
  step(now: number, motion: number): void {
    const dt = this.lastFrame === 0 ? 16 : Math.min(100, now - this.lastFrame);
    this.lastFrame = now;
    if (this.active === 0) return;
    const speed = motion > 0 ? dt / TRAVEL_MS : 0;
    for (let i = 0; i < this.active; i++) {
      let t = this.progress[i]! + speed;
      if (t >= 1) {
        t -= 1;
        this.target[i] = this.pick();
      }
      this.progress[i] = t;
    }
    if (speed > 0) this.place();
  }

  /**
   * Writes every active particle's quad at its progress and uploads them: positions into the
   * preallocated arrays, then one QuadBatch.setSquares call (a `set` call per particle boxed its
   * doubles: ~11 KB of heap numbers per frame).
   */
  private place(): void {
    const half = PARTICLE_SIZE / 2;
    const qx = this.qx;
    const qy = this.qy;
    const qa = this.qa;
    for (let i = 0; i < this.active; i++) {
      const t = this.progress[i]!;
      const k = this.target[i]!;
      const ease = t * t * (3 - 2 * t);
      qx[i] = this.sourceX + (this.tx[k]! - this.sourceX) * ease - half;
      qy[i] = this.sourceY + (this.ty[k]! - this.sourceY) * ease - half;
      qa[i] = t < 0.9 ? 1 : (1 - t) * 10;
    }
    this.quads.setSquares(this.particles, qx, qy, qa, this.active, PARTICLE_SIZE, this.tint);
    this.quads.flush();
  }

  private grow(): void {
    const size = this.cum.length * 2;
    const tx = new Float32Array(size);
    const ty = new Float32Array(size);
    const cum = new Float64Array(size);
    tx.set(this.tx);
    ty.set(this.ty);
    cum.set(this.cum);
    this.tx = tx;
    this.ty = ty;
    this.cum = cum;
  }

  private pick(): number {
    const n = this.targets;
    if (n === 0) return 0;
    const r = this.random() * this.cum[n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private random(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed / 4294967296;
  }
}
