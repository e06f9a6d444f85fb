import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/formats/scenario.ts';
import { buildScenarioSchema } from '../../src/formats/scenario-schema.ts';

const head = (view: string) => `version: 1
id: t
title: T
summary: S
guideSection: G
seed: 1
initial:
  cluster: default
${view}steps:
  - title: One
    narration: N
  - title: Two
    narration: N
    view: eks
`;

describe('scenario `view:` (the view the canvas opens on, and per step)', () => {
  it('is optional, and read at the top level and per step', () => {
    const plain = loadScenario(head('').replace('    view: eks\n', ''), 'x.yaml');
    expect(plain.ok && plain.scenario.view).toBe(undefined);
    expect(plain.ok && plain.scenario.steps.map((s) => s.view)).toEqual([undefined, undefined]);
    const set = loadScenario(head('view: side-by-side\n'), 'x.yaml');
    if (!set.ok) throw new Error(set.errors[0]!.message);
    expect(set.scenario.view).toBe('side-by-side');
    expect(set.scenario.steps.map((s) => s.view)).toEqual([undefined, 'eks']);
  });

  it('a bad value is an error with file, line, column, field and the choices', () => {
    const bad = loadScenario(head('view: side_by_side\n'), 'ecs-or-eks.yaml');
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'ecs-or-eks.yaml', line: 9, column: 7, path: 'view' });
    expect(errors[0]!.message).toBe(
      '"side_by_side" is not a valid view (one of ecs, eks, side-by-side) — did you mean "side-by-side"?',
    );
    const step = loadScenario(head('').replace('view: eks', 'view: 3'), 'x.yaml');
    expect(step.ok ? [] : step.errors).toMatchObject([
      {
        line: 14,
        column: 11,
        path: 'steps[1].view',
        message: 'Expected a string, got the number 3',
      },
    ]);
  });

  it('is in the JSON Schema at both places', () => {
    const schema = buildScenarioSchema() as {
      properties: Record<string, unknown>;
      $defs?: unknown;
    };
    const views = { enum: ['ecs', 'eks', 'side-by-side'] };
    expect(schema.properties.view).toEqual(views);
    expect(JSON.stringify(schema.properties.steps)).toContain(
      JSON.stringify({ view: views }).slice(1, -1),
    );
  });

  it('ecs-or-eks.yaml, about comparing both clusters, opens side by side', () => {
    const text = readFileSync(new URL('../../scenarios/ecs-or-eks.yaml', import.meta.url), 'utf8');
    const loaded = loadScenario(text, 'ecs-or-eks.yaml');
    if (!loaded.ok) throw new Error(loaded.errors[0]!.message);
    expect(loaded.scenario.view).toBe('side-by-side');
  });
});
