/**
 * A small description language for the shape of scenario files. The same specs drive the
 * loader's shape check (scenario-shape.ts) and the JSON Schema in scenarios/schema.json
 * (scenario-schema.ts), so the two cannot drift apart.
 */

/** Named parts checked by dedicated code (see scenario-shape.ts `ShapeHooks`). */
export type RefName = 'taskDefinition' | 'condition' | 'action' | 'instanceRef';

export type FieldSpec =
  | {
      readonly type: 'string';
      readonly enum?: readonly string[];
      readonly pattern?: string;
      readonly what?: string;
    }
  | { readonly type: 'integer'; readonly minimum?: number; readonly maximum?: number }
  | {
      readonly type: 'number';
      readonly exclusiveMinimum?: number;
      readonly minimum?: number;
      readonly maximum?: number;
    }
  | { readonly type: 'boolean' }
  | { readonly type: 'const'; readonly value: number | string }
  | ObjectSpec
  | {
      readonly type: 'array';
      readonly items: FieldSpec;
      readonly minItems?: number;
      readonly maxItems?: number;
    }
  | { readonly type: 'ref'; readonly ref: RefName };

export interface ObjectSpec {
  readonly type: 'object';
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly required?: readonly string[];
  /** Human name used in messages ("step", "question" …). */
  readonly what?: string;
  /** One-line description copied into the JSON Schema. */
  readonly description?: string;
}

/** Builds an object spec (fields listed once; `required` names a subset). */
export function objectSpec(
  fields: Readonly<Record<string, FieldSpec>>,
  required: readonly string[] = [],
  what?: string,
  description?: string,
): ObjectSpec {
  return { type: 'object', fields, required, what, description };
}

export const str = (what?: string): FieldSpec => ({ type: 'string', what });
export const enumOf = (values: readonly string[], what?: string): FieldSpec => ({
  type: 'string',
  enum: values,
  what,
});
export const int = (minimum?: number, maximum?: number): FieldSpec => ({
  type: 'integer',
  minimum,
  maximum,
});
export const bool: FieldSpec = { type: 'boolean' };
export const arrayOf = (items: FieldSpec, minItems?: number, maxItems?: number): FieldSpec => ({
  type: 'array',
  items,
  minItems,
  maxItems,
});
export const ref = (name: RefName): FieldSpec => ({ type: 'ref', ref: name });

/** Levenshtein distance, case-insensitive (for "did you mean" suggestions). Pure. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[t.length] ?? 0;
}

/**
 * The closest of `candidates` to `word`, if close enough to be a plausible typo (distance at
 * most a third of the word's length, minimum 2) or equal ignoring case and `_`/`-`. Pure.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const squash = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = squash(candidate) === squash(word) ? 0 : editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** " — did you mean "X"?" or "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const hit = closest(word, candidates);
  return hit === undefined ? '' : ` — did you mean "${hit}"?`;
}
