/**
 * Share links (issue 5): an experiment travels in the URL fragment (`#experiment=…`, never sent to
 * a server) as deflate-raw compressed UTF-8, base64url-encoded (RFC 4648 §5, no padding).
 * Decoding checks sizes before and while inflating, so a hostile link cannot exhaust memory.
 * Uses the standard CompressionStream/DecompressionStream (browsers; Node ≥ 18). Deterministic.
 */

/** The fragment key. */
export const SHARE_PARAM = 'experiment';
/** Longest encoded fragment value accepted (characters). */
export const MAX_SHARE_CHARS = 512 * 1024;
/** Largest inflated text accepted (bytes): the scenario limit plus the envelope. */
export const MAX_SHARE_INFLATED_BYTES = 1024 * 1024 + 16 * 1024;

export type ShareDecodeResult =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: GenericTransformStream, limit: number) {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  const reader = (stream.readable as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Compresses `text` into a fragment value. */
export async function encodeShare(text: string): Promise<string> {
  const packed = await pipe(
    new TextEncoder().encode(text),
    new CompressionStream('deflate-raw'),
    Infinity,
  );
  return toBase64Url(packed ?? new Uint8Array());
}

/** Decodes a fragment value back to text, or says why it cannot. */
export async function decodeShare(value: string): Promise<ShareDecodeResult> {
  if (value.length > MAX_SHARE_CHARS)
    return {
      ok: false,
      error: `The share link is too long (${value.length} characters; the limit is ${MAX_SHARE_CHARS})`,
    };
  const bytes = fromBase64Url(value);
  if (bytes === undefined)
    return { ok: false, error: 'The share link is damaged: it is not base64url text' };
  let inflated: Uint8Array | undefined;
  try {
    inflated = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_SHARE_INFLATED_BYTES);
  } catch {
    return { ok: false, error: 'The share link is damaged: its data does not decompress' };
  }
  if (inflated === undefined)
    return {
      ok: false,
      error: `The share link's experiment is too large (over ${MAX_SHARE_INFLATED_BYTES} bytes)`,
    };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(inflated) };
  } catch {
    return { ok: false, error: 'The share link is damaged: its text is not UTF-8' };
  }
}

/** The fragment value of `hash` (e.g. location.hash), or undefined when it carries none. */
export function shareValueFromHash(hash: string): string | undefined {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return params.get(SHARE_PARAM) ?? undefined;
}
