import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildScenarioSchema, schemaActionTypes } from '../../src/formats/scenario-schema.ts';
import { ACTION_TYPES, SCENARIO_SPEC } from '../../src/formats/scenario-fields.ts';

const schemaPath = fileURLToPath(new URL('../../scenarios/schema.json', import.meta.url));
const render = (): string => `${JSON.stringify(buildScenarioSchema(), null, 2)}\n`;

// Regenerate with: UPDATE_SCENARIO_SCHEMA=1 npx vitest run tests/formats/scenario-schema.test.ts
if (process.env.UPDATE_SCENARIO_SCHEMA === '1') writeFileSync(schemaPath, render());

describe('scenarios/schema.json', () => {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

  it('is exactly what the loader tables generate (run with UPDATE_SCENARIO_SCHEMA=1 to refresh)', () => {
    // Compared as data, so reformatting the file (prettier) does not matter.
    expect(schema).toEqual(JSON.parse(render()));
  });

  it('is a draft 2020-12 schema', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('lists exactly the action types the loader accepts', () => {
    expect(schemaActionTypes(schema).sort()).toEqual([...ACTION_TYPES].sort());
    expect(ACTION_TYPES).toContain('ADVANCE_UNTIL');
  });

  it('has the same top-level keys and required keys as the loader', () => {
    expect(Object.keys(schema.properties as object).sort()).toEqual(
      Object.keys(SCENARIO_SPEC.fields).sort(),
    );
    expect(schema.required).toEqual(SCENARIO_SPEC.required);
    expect(schema.additionalProperties).toBe(false);
  });
});
