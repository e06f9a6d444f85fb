/**
 * Shared pieces of the input fuzzers (issue 9): the real fixtures to mutate, a text-mutation
 * arbitrary, and the contract every loader keeps for every input: it returns (never throws), and
 * every diagnostic names the file and a real 1-based line/column with a non-empty message.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/formats/diagnostics.ts';

export { params, PROPERTY_TIMEOUT } from '../properties/ecs-model.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every file of a directory (relative to the repo root) with the given extension, as [name, text]. */
export function fixtures(dir: string, ext: string): [string, string][] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => [f, readFileSync(join(ROOT, dir, f), 'utf8')]);
}

/** Characters that matter to JSON/YAML parsers, plus a few awkward ones. */
const SPECIAL = [
  '{',
  '}',
  '[',
  ']',
  ':',
  ',',
  '"',
  "'",
  '-',
  '#',
  '&',
  '*',
  '!',
  '|',
  '>',
  '\n',
  '\t',
  ' ',
  '\\',
  '\u0000',
  '\u2028',
  '\uFEFF',
  '🙂',
  '---',
  '...',
  '<<',
  '%YAML 1.2',
  '~',
  'null',
  '1e309',
  '-0',
  '0x1F',
];

type Mutation =
  | { op: 'delete'; at: number; len: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'replace'; at: number; text: string }
  | { op: 'swapLines'; a: number; b: number }
  | { op: 'truncate'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('delete' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...SPECIAL),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
  }),
  fc.record({
    op: fc.constant('duplicate' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 80 }),
  }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.constantFrom(...SPECIAL),
  }),
  fc.record({ op: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyMutation(text: string, m: Mutation): string {
  const n = Math.max(1, text.length);
  switch (m.op) {
    case 'delete': {
      const at = m.at % n;
      return text.slice(0, at) + text.slice(at + m.len);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'duplicate': {
      const at = m.at % n;
      return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
    }
    case 'replace': {
      const at = m.at % n;
      return text.slice(0, at) + m.text + text.slice(at + 1);
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, m.at % n);
  }
}

/** A fixture's text after 1–6 random edits (deletions, insertions of syntax, duplications …). */
export function mutated(texts: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...texts), fc.array(mutationArb, { minLength: 1, maxLength: 6 }))
    .map(([text, ms]) => ms.reduce(applyMutation, text));
}

/** Every diagnostic is located in `text` and says something. */
export function expectLocated(
  diagnostics: readonly Diagnostic[],
  text: string,
  fileName: string,
): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const d of diagnostics) {
    expect(d.file).toBe(fileName);
    expect(
      Number.isInteger(d.line) && d.line >= 1 && d.line <= lines + 1,
      `line ${d.line} of ${lines}: ${d.message}`,
    ).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, `column ${d.column}: ${d.message}`).toBe(
      true,
    );
    expect(d.message.trim().length).toBeGreaterThan(0);
    expect(['error', 'warning']).toContain(d.severity);
  }
}
