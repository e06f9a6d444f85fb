/**
 * Many solid rectangles in ONE Pixi mesh, ONE draw call, with a shader that samples no texture.
 * Each quad has a fill colour and, optionally, a band colour for its leftmost `band` world px (a
 * task tile's service band), both with an alpha; 'tile' quads also carry the task's CPU glow around
 * it, so a task tile with its band and glow is one quad instead of two sprites and a ring.
 *
 * Why not sprites: on software WebGL (SwiftShader, the browsers of projectors and CI) the frame is
 * GPU-bound, and its cost is about a fixed price per quad plus a price per filled pixel. Pixi's
 * sprite batch shader picks its texture with an if/else chain over up to 16 samplers, which
 * SwiftShader runs for every pixel; this shader has no texture at all (see `npm run bench`,
 * BENCH_PROFILE=1). Slots are written in place into one interleaved vertex buffer, uploaded once
 * per frame only when something changed (a slot rewritten with what it holds changes nothing);
 * nothing is allocated per frame. Hidden slots are degenerate (zero area) and left out of the
 * index buffer, which lists the shown slots in slot order (rebuilt when the shown set changes):
 * a degenerate quad still cost about half a drawn one on SwiftShader (BENCH_SWEEP).
 */
import { Buffer, BufferUsage, Geometry, Mesh, Shader } from 'pixi.js';
import { GEOMETRY } from './layout-types.ts';

/**
 * 32-bit words per vertex: x, y, two local coordinates (band quads: x from the band's edge; ring
 * quads: x and y scaled so the hole is |x|, |y| < 1; round pieces: from the arc's centre; tile
 * quads: from the tile's top-left), fill RGBA, band RGBA (round pieces: radius and stroke width
 * bytes).
 */
const WORDS = 6;
const VERTS = 4;
/** 'tile' quads carry one more word per vertex: the glow's RGBA. */
const TILE_WORDS = 7;

// GLSL ES 1.00 so it compiles on WebGL 1 and 2. The projection and transforms are the uniforms
// Pixi v8 binds for every mesh (global group: uProjectionMatrix, uWorldTransformMatrix,
// uWorldColorAlpha; local group: uTransformMatrix, uColor). Each kind passes on only the varyings
// its fragment shader reads: on SwiftShader every varying costs per triangle and per pixel, and a
// colour-only shader drew the same quads ~15 % faster than the banded one (BENCH_SWEEP).
const VERTEX_HEAD = `
attribute vec2 aPosition;
attribute vec2 aLocal;
attribute vec4 aColor;
attribute vec4 aBand;
uniform mat3 uProjectionMatrix;
uniform mat3 uWorldTransformMatrix;
uniform mat3 uTransformMatrix;
uniform vec4 uWorldColorAlpha;
uniform vec4 uColor;
varying vec4 vColor;
`;
const VERTEX_MAIN = `
  mat3 mvp = uProjectionMatrix * uWorldTransformMatrix * uTransformMatrix;
  gl_Position = vec4((mvp * vec3(aPosition, 1.0)).xy, 0.0, 1.0);
  float a = uWorldColorAlpha.a * uColor.a;
  vColor = vec4(aColor.rgb * aColor.a, aColor.a) * a;
`;

/**
 * The shape of a 'tile' quad, world px: a task tile's side (GEOMETRY.tile), its service band on the
 * left, and its CPU glow around it, `glowOut` px wide: it fills the gap to a neighbouring tile
 * (GEOMETRY.tileGap) without covering it, so the tile's status colour shows whole whatever the
 * drawing order (two glows in the same gap blend there). Every task slot is this size (layout.ts).
 */
export const TILE_SHAPE = { size: GEOMETRY.tile, band: 3, glowOut: GEOMETRY.tileGap } as const;

/** A GLSL float literal. */
function glsl(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** Vertex and fragment shader of each kind. */
const SOURCES: Record<QuadKind, { vertex: string; fragment: string }> = {
  solid: {
    vertex: `${VERTEX_HEAD}void main() {${VERTEX_MAIN}}`,
    fragment: `
varying vec4 vColor;
void main() {
  gl_FragColor = vColor;
}
`,
  },
  band: {
    vertex: `${VERTEX_HEAD}varying vec2 vLocal;
varying vec4 vBand;
void main() {${VERTEX_MAIN}
  vLocal = aLocal;
  vBand = vec4(aBand.rgb * aBand.a, aBand.a) * a;
}`,
    fragment: `
varying vec2 vLocal;
varying vec4 vColor;
varying vec4 vBand;
void main() {
  gl_FragColor = vLocal.x < 0.0 ? vBand : vColor;
}
`,
  },
  ring: {
    vertex: `${VERTEX_HEAD}varying vec2 vLocal;
void main() {${VERTEX_MAIN}
  vLocal = aLocal;
}`,
    fragment: `
varying vec2 vLocal;
varying vec4 vColor;
void main() {
  if (abs(vLocal.x) < 1.0 && abs(vLocal.y) < 1.0) discard;
  gl_FragColor = vColor;
}
`,
  },
  // Pieces of rounded rectangles (round-rect.ts): vLocal is the distance from a corner's circle
  // centre along x and y, vParam the radius and the stroke width (0: filled), from aBand's bytes;
  // a straight piece has radius 0 and vLocal 0, so every pixel of it is drawn.
  // A task tile with its CPU glow in one quad (see TILE_SHAPE): vLocal is world px from the tile's
  // top-left. Inside the tile, the service band on the left and the status colour; around it, up to
  // glowOut px, the glow. A tile that does not glow is drawn without the margin.
  tile: {
    vertex: `${VERTEX_HEAD}attribute vec4 aGlow;
varying vec2 vLocal;
varying vec4 vBand;
varying vec4 vGlow;
void main() {${VERTEX_MAIN}
  vLocal = aLocal;
  vBand = vec4(aBand.rgb * aBand.a, aBand.a) * a;
  vGlow = vec4(aGlow.rgb * aGlow.a, aGlow.a) * a;
}`,
    fragment: `
varying vec2 vLocal;
varying vec4 vColor;
varying vec4 vBand;
varying vec4 vGlow;
void main() {
  vec2 d = max(-vLocal, vLocal - ${glsl(TILE_SHAPE.size)});
  if (max(d.x, d.y) > 0.0) gl_FragColor = vGlow;
  else gl_FragColor = vLocal.x < ${glsl(TILE_SHAPE.band)} ? vBand : vColor;
}
`,
  },
  round: {
    vertex: `${VERTEX_HEAD}varying vec2 vLocal;
varying vec2 vParam;
void main() {${VERTEX_MAIN}
  vLocal = aLocal;
  vParam = vec2(aBand.r * 255.0, aBand.g * 63.75);
}`,
    fragment: `
varying vec2 vLocal;
varying vec4 vColor;
varying vec2 vParam;
void main() {
  float d = length(vLocal) - vParam.x;
  if (vParam.y > 0.0 ? abs(d) > 0.5 * vParam.y : d > 0.0) discard;
  gl_FragColor = vColor;
}
`,
  },
};

/**
 * What the quads of a batch are: filled rectangles ('solid'), filled rectangles with an optional
 * band on the left ('band'), rectangular rings, a stroke drawn as one quad whose middle is left
 * out ('ring'), pieces of rounded rectangles, filled or stroked ('round', see round-rect.ts), or
 * task tiles with their CPU glow ('tile', TILE_SHAPE; written with `setTile`).
 */
export type QuadKind = 'solid' | 'band' | 'ring' | 'round' | 'tile';

const shaders: Partial<Record<QuadKind, Shader>> = {};

/** The shader all quad batches of a kind share (premultiplied output, like the rest of Pixi v8). */
function quadShader(kind: QuadKind): Shader {
  return (shaders[kind] ??= Shader.from({
    gl: { ...SOURCES[kind], name: `quad-batch-${kind}` },
  }));
}

/** 0xRRGGBB + alpha in [0, 1] → the bytes R, G, B, A in memory order (unorm8x4, little-endian). */
export function packColor(rgb: number, alpha: number): number {
  const a = alpha <= 0 ? 0 : alpha >= 1 ? 255 : Math.round(alpha * 255);
  return ((a << 24) | ((rgb & 0xff) << 16) | (rgb & 0xff00) | ((rgb >> 16) & 0xff)) >>> 0;
}

/** A task tile as `setTile` draws it (world px, 0xRRGGBB colours, glow as packColor packs it). */
export interface TileQuad {
  x: number;
  y: number;
  color: number;
  alpha: number;
  band: number;
  glow: number;
}

/** A growable set of coloured quads drawn by one mesh. */
export class QuadBatch {
  readonly mesh: Mesh<Geometry, Shader>;
  private readonly geometry: Geometry;
  private readonly vertexBuffer: Buffer;
  private readonly indexBuffer: Buffer;
  private f32: Float32Array;
  private u32: Uint32Array;
  private capacity: number;
  private readonly free: number[] = [];
  /** Slots ever handed out (the drawn range is [0, top)). */
  private top = 0;
  private dirty = false;
  /** The set of shown slots changed since the last flush (the index buffer is rebuilt). */
  private shownChanged = false;
  private indices: Uint32Array;
  private live = 0;
  /** 1 for slots drawn now (set and not hidden since), and their count. */
  private shownFlags: Uint8Array;
  private shownCount = 0;
  /** The quad `write` writes next (filled by set, setRing, setRoundPiece and setTile). */
  private readonly quad = new Float64Array(11);
  /** 32-bit words per vertex (WORDS, or TILE_WORDS for 'tile' quads) and per quad. */
  private readonly words: number;
  private readonly quadWords: number;

  constructor(initialCapacity = 256, label = 'quads', kind: QuadKind = 'band') {
    this.capacity = Math.max(1, initialCapacity);
    this.words = kind === 'tile' ? TILE_WORDS : WORDS;
    this.quadWords = this.words * VERTS;
    this.f32 = new Float32Array(this.capacity * this.quadWords);
    this.u32 = new Uint32Array(this.f32.buffer);
    this.shownFlags = new Uint8Array(this.capacity);
    this.vertexBuffer = new Buffer({
      data: this.f32,
      usage: BufferUsage.VERTEX | BufferUsage.COPY_DST,
      label: `${label}-vertices`,
    });
    this.indices = new Uint32Array(this.capacity * 6);
    this.indexBuffer = new Buffer({
      data: this.indices,
      usage: BufferUsage.INDEX | BufferUsage.COPY_DST,
      label: `${label}-indices`,
    });
    const stride = this.words * 4;
    this.geometry = new Geometry({
      attributes: {
        aPosition: { buffer: this.vertexBuffer, format: 'float32x2', stride, offset: 0 },
        aLocal: { buffer: this.vertexBuffer, format: 'float32x2', stride, offset: 8 },
        aColor: { buffer: this.vertexBuffer, format: 'unorm8x4', stride, offset: 16 },
        aBand: { buffer: this.vertexBuffer, format: 'unorm8x4', stride, offset: 20 },
        ...(kind === 'tile'
          ? { aGlow: { buffer: this.vertexBuffer, format: 'unorm8x4', stride, offset: 24 } }
          : {}),
      },
      indexBuffer: this.indexBuffer,
    });
    this.mesh = new Mesh({ geometry: this.geometry, shader: quadShader(kind), label });
    this.mesh.visible = false;
  }

  /** Takes a slot (hidden until `set`). */
  acquire(): number {
    const slot = this.free.pop() ?? this.top++;
    if (slot >= this.capacity) this.grow();
    this.live++;
    this.hideSlot(slot);
    return slot;
  }

  /** Gives a slot back (hidden). */
  release(slot: number): void {
    this.hideSlot(slot);
    this.free.push(slot);
    this.live--;
  }

  /**
   * Sets a slot to the rectangle (x, y, w, h) filled with `color`, its leftmost `band` px (0: none)
   * in `bandColor`, both at `alpha`.
   */
  set(
    slot: number,
    x: number,
    y: number,
    w: number,
    h: number,
    color: number,
    alpha: number,
    band = 0,
    bandColor = color,
  ): void {
    const c = packColor(color, alpha);
    const q = this.quad;
    q[0] = x;
    q[1] = y;
    q[2] = w;
    q[3] = h;
    q[4] = -band;
    q[5] = w - band;
    q[6] = 0;
    q[7] = 0;
    q[8] = c;
    q[9] = band > 0 ? packColor(bandColor, alpha) : c;
    q[10] = 0;
    this.write(slot);
  }

  /**
   * Sets `count` slots to squares of side `size` in `color`: `slots[k]` at top-left
   * (`xs[k]`, `ys[k]`) with alpha `alphas[k]` (as `set(slots[k], xs[k], ys[k], size, size, color,
   * alphas[k])` would). One call for many quads, for what moves every frame (particle-flow.ts): a
   * call per quad passes its doubles boxed (a heap number each, V8 does not inline `set`), ~11 KB
   * per frame for 320 particles; this loop writes the vertex buffer itself and allocates nothing.
   */
  setSquares(
    slots: readonly number[],
    xs: Float64Array,
    ys: Float64Array,
    alphas: Float64Array,
    count: number,
    size: number,
    color: number,
  ): void {
    const f = this.f32;
    const u = this.u32;
    const flags = this.shownFlags;
    const W = this.words;
    const QW = this.quadWords;
    // packColor's bytes, its alpha byte filled in per quad.
    const rgb = ((color & 0xff) << 16) | (color & 0xff00) | ((color >> 16) & 0xff);
    for (let k = 0; k < count; k++) {
      const slot = slots[k]!;
      const x = xs[k]!;
      const y = ys[k]!;
      const alpha = alphas[k]!;
      const a = alpha <= 0 ? 0 : alpha >= 1 ? 255 : Math.round(alpha * 255);
      const c = ((a << 24) | rgb) >>> 0;
      let i = slot * QW;
      // Vertices: top-left, top-right, bottom-right, bottom-left (local x 0 to size, as `set`).
      f[i] = x;
      f[i + 1] = y;
      f[i + 2] = 0;
      f[i + 3] = 0;
      u[i + 4] = c;
      u[i + 5] = c;
      i += W;
      f[i] = x + size;
      f[i + 1] = y;
      f[i + 2] = size;
      f[i + 3] = 0;
      u[i + 4] = c;
      u[i + 5] = c;
      i += W;
      f[i] = x + size;
      f[i + 1] = y + size;
      f[i + 2] = size;
      f[i + 3] = 0;
      u[i + 4] = c;
      u[i + 5] = c;
      i += W;
      f[i] = x;
      f[i + 1] = y + size;
      f[i + 2] = 0;
      f[i + 3] = 0;
      u[i + 4] = c;
      u[i + 5] = c;
      if (flags[slot] === 0) {
        flags[slot] = 1;
        this.shownCount++;
        this.shownChanged = true;
      }
    }
    if (count > 0) this.dirty = true;
  }

  /**
   * Sets a slot of a 'ring' batch to the outline of (x, y, w, h), `width` px wide inward, in
   * `color` at `alpha` (a stroke as one quad: its middle is not drawn).
   */
  setRing(
    slot: number,
    x: number,
    y: number,
    w: number,
    h: number,
    width: number,
    color: number,
    alpha: number,
  ): void {
    const c = packColor(color, alpha);
    // Local coordinates from the centre, in units of the hole's half size.
    const hx = w / 2 / Math.max(1e-6, w / 2 - width);
    const hy = h / 2 / Math.max(1e-6, h / 2 - width);
    this.quadOf(x, y, w, h, -hx, hx, -hy, hy, c, c);
    this.write(slot);
  }

  /**
   * Sets a slot of a 'round' batch to a piece (x, y, w, h) of a rounded rectangle in `color` at
   * `alpha`. A corner piece (`radius` > 0, whole px ≤ 255) lies on one side of its arc's centre
   * (cx, cy) in x and in y, and draws the pixels inside the arc (`stroke` 0) or within
   * `stroke` / 2 of it (quarter px, ≤ 63); a straight piece (`radius` 0) is drawn whole.
   */
  setRoundPiece(
    slot: number,
    x: number,
    y: number,
    w: number,
    h: number,
    cx: number,
    cy: number,
    radius: number,
    stroke: number,
    color: number,
    alpha: number,
  ): void {
    const c = packColor(color, alpha);
    const params =
      radius > 0 ? (Math.round(radius) & 0xff) | ((Math.round(stroke * 4) & 0xff) << 8) : 0;
    if (radius > 0)
      this.quadOf(
        x,
        y,
        w,
        h,
        Math.abs(x - cx),
        Math.abs(x + w - cx),
        Math.abs(y - cy),
        Math.abs(y + h - cy),
        c,
        params,
      );
    else this.quadOf(x, y, w, h, 0, 0, 0, 0, c, params);
    this.write(slot);
  }

  /**
   * Sets a slot of a 'tile' batch to the task tile `t`: at (t.x, t.y), TILE_SHAPE.size wide and
   * high, `t.color` at `t.alpha`, its service band in `t.band` at the same alpha, and its CPU glow
   * `t.glow` (RGBA as packColor packs it; 0: none, and the quad covers the tile alone). Takes a
   * record, not numbers: fractional numbers passed to a call V8 does not inline are boxed (a heap
   * number each), and tiles are redrawn every frame while they move.
   */
  setTile(slot: number, t: Readonly<TileQuad>): void {
    const m = t.glow >>> 24 === 0 ? 0 : TILE_SHAPE.glowOut;
    const size = TILE_SHAPE.size;
    const q = this.quad;
    q[0] = t.x - m;
    q[1] = t.y - m;
    q[2] = size + 2 * m;
    q[3] = size + 2 * m;
    q[4] = -m;
    q[5] = size + m;
    q[6] = -m;
    q[7] = size + m;
    q[8] = packColor(t.color, t.alpha);
    q[9] = packColor(t.band, t.alpha);
    q[10] = t.glow;
    this.write(slot);
  }

  /** Fills `quad` (see write). */
  private quadOf(
    x: number,
    y: number,
    w: number,
    h: number,
    lx0: number,
    lx1: number,
    ly0: number,
    ly1: number,
    c: number,
    b: number,
  ): void {
    const q = this.quad;
    q[0] = x;
    q[1] = y;
    q[2] = w;
    q[3] = h;
    q[4] = lx0;
    q[5] = lx1;
    q[6] = ly0;
    q[7] = ly1;
    q[8] = c;
    q[9] = b;
    q[10] = 0;
  }

  /**
   * Writes slot `slot` from `quad`: the rectangle (x, y, w, h), local coordinates lx0, lx1, ly0, ly1
   * at its left, right, top and bottom edges, colour words c and b, and ('tile' quads) g.
   */
  private write(slot: number): void {
    const q = this.quad;
    const x = q[0]!,
      y = q[1]!,
      w = q[2]!,
      h = q[3]!,
      lx0 = q[4]!,
      lx1 = q[5]!,
      ly0 = q[6]!,
      ly1 = q[7]!,
      c = q[8]!,
      b = q[9]!,
      g = q[10]!;
    const f = this.f32;
    const u = this.u32;
    const W = this.words;
    const glows = W === TILE_WORDS;
    let i = slot * this.quadWords;
    const k = i + 2 * W;
    // Unchanged (the first and third vertex hold every value the quad is written from): no upload.
    if (
      this.shownFlags[slot] === 1 &&
      f[i] === Math.fround(x) &&
      f[i + 1] === Math.fround(y) &&
      f[i + 2] === Math.fround(lx0) &&
      f[i + 3] === Math.fround(ly0) &&
      u[i + 4] === c &&
      u[i + 5] === b &&
      (!glows || u[i + 6] === g) &&
      f[k] === Math.fround(x + w) &&
      f[k + 1] === Math.fround(y + h) &&
      f[k + 2] === Math.fround(lx1) &&
      f[k + 3] === Math.fround(ly1)
    )
      return;
    // Vertices: top-left, top-right, bottom-right, bottom-left.
    f[i] = x;
    f[i + 1] = y;
    f[i + 2] = lx0;
    f[i + 3] = ly0;
    u[i + 4] = c;
    u[i + 5] = b;
    if (glows) u[i + 6] = g;
    i += W;
    f[i] = x + w;
    f[i + 1] = y;
    f[i + 2] = lx1;
    f[i + 3] = ly0;
    u[i + 4] = c;
    u[i + 5] = b;
    if (glows) u[i + 6] = g;
    i += W;
    f[i] = x + w;
    f[i + 1] = y + h;
    f[i + 2] = lx1;
    f[i + 3] = ly1;
    u[i + 4] = c;
    u[i + 5] = b;
    if (glows) u[i + 6] = g;
    i += W;
    f[i] = x;
    f[i + 1] = y + h;
    f[i + 2] = lx0;
    f[i + 3] = ly1;
    u[i + 4] = c;
    u[i + 5] = b;
    if (glows) u[i + 6] = g;
    this.dirty = true;
    if (this.shownFlags[slot] === 0) {
      this.shownFlags[slot] = 1;
      this.shownCount++;
      this.shownChanged = true;
    }
  }

  /**
   * Hides a slot (zero area: no pixel drawn) without giving it back. A slot already hidden is left
   * alone: its words are zero already (a slot is only ever written shown), and marking the batch
   * dirty re-sent the whole vertex buffer (the chrome batch's ~140 KB on every snapshot at 1,000
   * tasks, for the aggregate bars each instance view hides in the tiles level of detail).
   */
  hideSlot(slot: number): void {
    if (this.shownFlags[slot] !== 1) return;
    this.f32.fill(0, slot * this.quadWords, (slot + 1) * this.quadWords);
    this.dirty = true;
    this.shownFlags[slot] = 0;
    this.shownCount--;
    this.shownChanged = true;
  }

  /** Slots in use (shown or hidden). */
  get size(): number {
    return this.live;
  }

  /** Quads drawn now (slots set and not hidden since). */
  get shown(): number {
    return this.shownCount;
  }

  /** Uploads what changed since the last flush (call once per frame, before rendering). */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.mesh.visible = this.shownCount > 0;
    if (this.shownChanged) {
      this.shownChanged = false;
      const n = this.writeIndices();
      // (An index count of 0 would draw the whole buffer; the mesh is hidden then.)
      this.geometry.indexCount = n;
      this.indexBuffer.update(n * 4);
    }
    this.vertexBuffer.update(this.top * this.quadWords * 4);
  }

  /** Lists the shown slots' triangles, (0, 1, 2) and (0, 2, 3) each, in slot order; index count. */
  private writeIndices(): number {
    const idx = this.indices;
    const flags = this.shownFlags;
    let i = 0;
    for (let q = 0; q < this.top; q++) {
      if (flags[q] !== 1) continue;
      const v = q * 4;
      idx[i] = v;
      idx[i + 1] = v + 1;
      idx[i + 2] = v + 2;
      idx[i + 3] = v;
      idx[i + 4] = v + 2;
      idx[i + 5] = v + 3;
      i += 6;
    }
    return i;
  }

  /** Frees the GPU buffers. */
  destroy(): void {
    this.mesh.destroy();
    this.geometry.destroy(true);
  }

  private grow(): void {
    this.capacity *= 2;
    const f = new Float32Array(this.capacity * this.quadWords);
    f.set(this.f32);
    this.f32 = f;
    this.u32 = new Uint32Array(f.buffer);
    this.vertexBuffer.data = f;
    const idx = new Uint32Array(this.capacity * 6);
    idx.set(this.indices);
    this.indices = idx;
    this.indexBuffer.data = idx;
    this.shownChanged = true;
    const flags = new Uint8Array(this.capacity);
    flags.set(this.shownFlags);
    this.shownFlags = flags;
  }
}
