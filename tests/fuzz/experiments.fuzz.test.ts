/**
 * Issue 9: fuzzing saved experiments and share links. Envelopes of the real scenarios after random
 * edits, random values in their fields, random text; share-link values after random edits, random
 * base64url, damaged deflate streams and a decompression bomb: readExperiment never throws and
 * locates every problem; decodeShare always resolves with the text or a message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readExperiment, writeExperiment } from '../../src/formats/experiment-file.ts';
import { decodeShare, encodeShare } from '../../src/formats/share-link.ts';
import { PROPERTY_TIMEOUT, fixtures, mutated, params } from './fuzz-helpers.ts';

const ENVELOPES = fixtures('scenarios', '.yaml').map(([f, scenario]) =>
  writeExperiment({ name: f, speed: 4, scenario }),
);

function experimentContract(text: string): void {
  const r = readExperiment(text, 'saved experiment');
  if (r.ok) {
    expect(typeof r.experiment.name).toBe('string');
    expect(Number.isFinite(r.experiment.speed)).toBe(true);
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  for (const d of r.errors) {
    // Problems in the envelope name the save; problems inside name its scenario text.
    expect(d.file.startsWith('saved experiment')).toBe(true);
    expect(Number.isInteger(d.line) && d.line >= 1).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1).toBe(true);
    expect(d.message.trim().length).toBeGreaterThan(0);
  }
}

const envelopeWithRandomField = fc
  .tuple(
    fc.constantFrom(...ENVELOPES),
    fc.constantFrom('format', 'version', 'name', 'speed', 'scenario', 'extra'),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map(([text, key, value]) => JSON.stringify({ ...(JSON.parse(text) as object), [key]: value }));

describe('saved experiment fuzz', () => {
  it(
    'random text, mutated saves and random field values never throw; errors are located',
    () => {
      const arb = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.json({ maxDepth: 3 }),
        mutated(ENVELOPES),
        envelopeWithRandomField,
      );
      fc.assert(fc.property(arb, experimentContract), params(9_401, 250));
    },
    PROPERTY_TIMEOUT,
  );
});

describe('share link fuzz', () => {
  it(
    'mutated and random share values always resolve with text or a message',
    async () => {
      const valid = await Promise.all(ENVELOPES.slice(0, 3).map((e) => encodeShare(e)));
      const arb = fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{0,400}$/),
        mutated(valid),
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64url')),
      );
      await fc.assert(
        fc.asyncProperty(arb, async (value) => {
          const r = await decodeShare(value);
          if (r.ok) experimentContract(r.text);
          else expect(r.error).toMatch(/^The share link/);
        }),
        params(9_402, 200),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('a decompression bomb (64 MB of zeros in a few KB) is refused', async () => {
    const bomb = await encodeShare('\u0000'.repeat(64 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(200_000);
    const r = await decodeShare(bomb);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/too large/);
  }, 60_000);
});
