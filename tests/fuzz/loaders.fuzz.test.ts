/**
 * Issue 9: fuzzing the file loaders. Random text, random JSON/YAML values and the real fixtures
 * after random edits go through parseTaskDefinition, parseManifests and loadScenario: they never
 * throw, and every problem comes back as a located diagnostic (file, line, column, message).
 * Runs: a few hundred cases per loader by default; PROPERTY_RUNS=10000 for a soak.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../src/formats/manifest.ts';
import { loadScenario } from '../../src/formats/scenario.ts';
import { parseTaskDefinition } from '../../src/formats/task-definition.ts';
import { PROPERTY_TIMEOUT, expectLocated, fixtures, mutated, params } from './fuzz-helpers.ts';

const TASK_DEFINITIONS = fixtures('tests/fixtures/task-definitions', '.json').map(([, t]) => t);
const MANIFESTS = fixtures('tests/fixtures/manifests', '.yaml').map(([, t]) => t);
const SCENARIOS = fixtures('scenarios', '.yaml').map(([, t]) => t);

function taskDefinitionContract(text: string): void {
  const r = parseTaskDefinition(text, 'fuzz.json');
  if (r.ok) {
    expect(r.value.containerDefinitions.length).toBeGreaterThan(0);
    expectLocated(r.warnings, text, 'fuzz.json');
  } else {
    expect(r.errors.length).toBeGreaterThan(0);
    expectLocated([...r.errors, ...r.warnings], text, 'fuzz.json');
  }
}

function manifestContract(text: string): void {
  const r = parseManifests(text, 'fuzz.yaml');
  expectLocated(r.diagnostics, text, 'fuzz.yaml');
  for (const o of r.objects) expect(typeof o.kind).toBe('string');
}

function scenarioContract(text: string): void {
  const r = loadScenario(text, 'fuzz.yaml');
  if (r.ok) expectLocated(r.warnings, text, 'fuzz.yaml');
  else {
    expect(r.errors.length).toBeGreaterThan(0);
    expectLocated([...r.errors, ...r.warnings], text, 'fuzz.yaml');
  }
}

/** A JSON value placed at a random path of a fixture's parsed value (structure-aware mutation). */
function structural(
  texts: readonly string[],
  parse: (t: string) => unknown,
  print: (v: unknown) => string,
): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...texts),
      fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .map(([text, path, value]) => {
      let root: unknown;
      try {
        root = parse(text);
      } catch {
        return text;
      }
      let node = root;
      for (let i = 0; i < path.length; i++) {
        if (node === null || typeof node !== 'object') break;
        const keys = Object.keys(node);
        if (keys.length === 0) break;
        const key = keys[(path[i] as number) % keys.length] as string;
        if (i === path.length - 1 || typeof (node as Record<string, unknown>)[key] !== 'object') {
          (node as Record<string, unknown>)[key] = value;
          break;
        }
        node = (node as Record<string, unknown>)[key];
      }
      return print(root);
    });
}

const randomText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v)),
);

describe('task definition loader fuzz', () => {
  it(
    'random text and JSON never throw; errors are located',
    () => {
      fc.assert(fc.property(randomText, taskDefinitionContract), params(9_201, 300));
    },
    PROPERTY_TIMEOUT,
  );
  it(
    'mutated fixtures never throw; errors are located',
    () => {
      fc.assert(fc.property(mutated(TASK_DEFINITIONS), taskDefinitionContract), params(9_202, 400));
    },
    PROPERTY_TIMEOUT,
  );
  it(
    'fixtures with random values at random fields never throw; errors are located',
    () => {
      const arb = structural(
        TASK_DEFINITIONS,
        (t) => JSON.parse(t),
        (v) => JSON.stringify(v, null, 2),
      );
      fc.assert(fc.property(arb, taskDefinitionContract), params(9_203, 400));
    },
    PROPERTY_TIMEOUT,
  );
});

describe('manifest loader fuzz', () => {
  it(
    'random text and YAML never throw; errors are located',
    () => {
      fc.assert(fc.property(randomText, manifestContract), params(9_211, 300));
    },
    PROPERTY_TIMEOUT,
  );
  it(
    'mutated fixtures never throw; errors are located',
    () => {
      fc.assert(fc.property(mutated(MANIFESTS), manifestContract), params(9_212, 250));
    },
    PROPERTY_TIMEOUT,
  );
  it(
    'fixtures with random values at random fields never throw; errors are located',
    () => {
      const docs = MANIFESTS.flatMap((t) => t.split(/^---$/m));
      const arb = structural(
        docs,
        (t) => JSON.parse(JSON.stringify(parseYamlLoose(t))),
        (v) => stringify(v),
      );
      fc.assert(fc.property(arb, manifestContract), params(9_213, 250));
    },
    PROPERTY_TIMEOUT,
  );
});

describe('scenario loader fuzz', () => {
  it(
    'random text and YAML never throw; errors are located',
    () => {
      fc.assert(fc.property(randomText, scenarioContract), params(9_221, 200));
    },
    PROPERTY_TIMEOUT,
  );
  it(
    'mutated scenario files never throw; errors are located',
    () => {
      fc.assert(fc.property(mutated(SCENARIOS), scenarioContract), params(9_222, 120));
    },
    PROPERTY_TIMEOUT,
  );
  it(
    'scenario files with random values at random fields never throw; errors are located',
    () => {
      const arb = structural(
        SCENARIOS,
        (t) => JSON.parse(JSON.stringify(parseYamlLoose(t))),
        (v) => stringify(v),
      );
      fc.assert(fc.property(arb, scenarioContract), params(9_223, 120));
    },
    PROPERTY_TIMEOUT,
  );
});

import { parse as parseYamlLoose } from 'yaml';
