/**
 * Builders for task-definition tests: a valid Fargate and a valid EC2 definition to start from,
 * and shortcuts to parse one and read its messages.
 */
import { parseTaskDefinition } from '../../src/formats/task-definition.ts';
import type { Diagnostic, TaskDefinitionParseResult } from '../../src/formats/task-definition.ts';

export type Json = Record<string, unknown>;

/** The study guide's example: nginx:latest, 0.5 vCPU, 1 GB, port 80, on Fargate. */
export function fargateTd(overrides: Json = {}): Json {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    containerDefinitions: [
      { name: 'web', image: 'nginx:latest', portMappings: [{ containerPort: 80 }] },
    ],
    ...overrides,
  };
}

/** A minimal EC2 bridge definition with container-level memory. */
export function ec2Td(overrides: Json = {}, container: Json = {}): Json {
  return {
    family: 'app',
    requiresCompatibilities: ['EC2'],
    containerDefinitions: [{ name: 'app', image: 'nginx:latest', memory: 256, ...container }],
    ...overrides,
  };
}

/** Parses `value` (pretty-printed, 2-space indent) as file "td.json". */
export function parse(value: unknown): TaskDefinitionParseResult {
  return parseTaskDefinition(JSON.stringify(value, null, 2), 'td.json');
}

/** The errors of a result (empty when valid). */
export function errorsOf(result: TaskDefinitionParseResult): readonly Diagnostic[] {
  return result.ok ? [] : result.errors;
}

/** "path: message" for each error, for compact exact assertions. */
export function errorLines(value: unknown): string[] {
  return errorsOf(parse(value)).map((d) => `${d.path}: ${d.message}`);
}

/** "path: message" for each warning. */
export function warningLines(value: unknown): string[] {
  return parse(value).warnings.map((d) => `${d.path}: ${d.message}`);
}
