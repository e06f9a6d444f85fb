/**
 * Builds the JSON Schema (draft 2020-12) of scenario files from the same field tables the loader
 * checks with (scenario-fields.ts), so editors autocomplete exactly what the loader accepts.
 * scenarios/schema.json is this object, pretty-printed; a test keeps the two identical.
 * Embedded task definitions are described loosely (an object with family and
 * containerDefinitions): their full rules live in the task-definition validator.
 */
import {
  ACTION_SPECS,
  CONDITION_SPECS,
  NON_API_ACTIONS,
  SCENARIO_SPEC,
} from './scenario-fields.ts';
import type { FieldSpec, ObjectSpec, RefName } from './scenario-spec.ts';

type Json = { [key: string]: unknown };

/** The schema's `$id`-less document. Pure: same tables, same object. */
export function buildScenarioSchema(): Json {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Cluster Playground scenario',
    description: 'A guided, replayable scenario (see scenarios/README.md).',
    ...objectSchema(SCENARIO_SPEC),
    $defs: {
      action: {
        description: 'One action of a step; `type` selects which fields apply.',
        oneOf: Object.keys(ACTION_SPECS).map((type) => ({ $ref: `#/$defs/action_${type}` })),
      },
      ...Object.fromEntries(
        Object.entries(ACTION_SPECS).map(([type, spec]) => [
          `action_${type}`,
          actionSchema(type, spec),
        ]),
      ),
      condition: {
        description:
          'An expectation (also ADVANCE_UNTIL condition); the first key says which kind.',
        oneOf: Object.keys(CONDITION_SPECS).map((kind) => ({ $ref: `#/$defs/condition_${kind}` })),
      },
      ...Object.fromEntries(
        Object.entries(CONDITION_SPECS).map(([kind, spec]) => [
          `condition_${kind}`,
          objectSchema(spec),
        ]),
      ),
      instanceRef: {
        description: 'An instance: its 1-based registration number, or a selector.',
        oneOf: [
          { type: 'integer', minimum: 1 },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              availabilityZone: { type: 'string' },
              instanceType: { type: 'string' },
              status: { enum: ['REGISTERING', 'ACTIVE', 'DRAINING', 'DEREGISTERING', 'INACTIVE'] },
              index: { type: 'integer', minimum: 0 },
            },
          },
        ],
      },
      taskDefinition: {
        description: 'RegisterTaskDefinition input (the ECS JSON task definition written as YAML).',
        type: 'object',
        required: ['family', 'containerDefinitions'],
        properties: {
          family: { type: 'string' },
          networkMode: { enum: ['bridge', 'host', 'awsvpc', 'none'] },
          requiresCompatibilities: {
            type: 'array',
            items: { enum: ['EC2', 'FARGATE', 'EXTERNAL'] },
          },
          cpu: { type: ['string', 'integer'] },
          memory: { type: ['string', 'integer'] },
          containerDefinitions: { type: 'array', minItems: 1, items: { type: 'object' } },
        },
      },
    },
  };
}

/** The action type names the schema lists (for the consistency test). */
export function schemaActionTypes(schema: Json): string[] {
  const defs = schema.$defs as Record<string, Json>;
  return Object.keys(defs)
    .filter((k) => k.startsWith('action_'))
    .map((k) => ((defs[k]?.properties as Json).type as Json).const as string);
}

function actionSchema(type: string, spec: ObjectSpec): Json {
  const base = objectSchema(spec);
  const properties: Json = { type: { const: type }, ...(base.properties as Json) };
  if (!NON_API_ACTIONS.has(type)) {
    properties.expectError = {
      type: 'string',
      description: 'The action must be refused with an error containing this text.',
    };
  }
  return {
    ...base,
    required: ['type', ...((base.required as string[] | undefined) ?? [])],
    properties,
  };
}

function objectSchema(spec: ObjectSpec): Json {
  return {
    type: 'object',
    ...(spec.description === undefined ? {} : { description: spec.description }),
    additionalProperties: false,
    ...(spec.required !== undefined && spec.required.length > 0
      ? { required: [...spec.required] }
      : {}),
    properties: Object.fromEntries(
      Object.entries(spec.fields).map(([name, field]) => [name, fieldSchema(field)]),
    ),
  };
}

const REFS: Readonly<Record<RefName, string>> = {
  action: '#/$defs/action',
  condition: '#/$defs/condition',
  instanceRef: '#/$defs/instanceRef',
  taskDefinition: '#/$defs/taskDefinition',
};

function fieldSchema(spec: FieldSpec): Json {
  switch (spec.type) {
    case 'string':
      if (spec.enum !== undefined) return { enum: [...spec.enum] };
      return spec.pattern === undefined
        ? { type: 'string' }
        : { type: 'string', pattern: spec.pattern };
    case 'integer':
    case 'number':
      return Object.fromEntries(
        Object.entries({
          type: spec.type,
          minimum: spec.minimum,
          maximum: spec.maximum,
          exclusiveMinimum: spec.type === 'number' ? spec.exclusiveMinimum : undefined,
        }).filter(([, v]) => v !== undefined),
      );
    case 'boolean':
      return { type: 'boolean' };
    case 'const':
      return { const: spec.value };
    case 'object':
      return objectSchema(spec);
    case 'array':
      return {
        type: 'array',
        items: fieldSchema(spec.items),
        ...(spec.minItems === undefined ? {} : { minItems: spec.minItems }),
        ...(spec.maxItems === undefined ? {} : { maxItems: spec.maxItems }),
      };
    case 'ref':
      return { $ref: REFS[spec.ref] };
  }
}
