/**
 * Checks a parsed scenario value against the specs of scenario-fields.ts and reports EVERY
 * problem (wrong type, missing or unknown field, bad enum value, unknown action) at its path,
 * with a "did you mean" suggestion where a close name exists. References between parts are
 * checked later (scenario-references.ts); this layer only checks shapes.
 */
import type { PathSegment } from './diagnostics.ts';
import type { Reporter } from './diagnostic-reporter.ts';
import {
  ACTION_SPECS,
  ACTION_TYPES,
  CONDITION_SPECS,
  INSTANCE_SELECTOR,
  NON_API_ACTIONS,
} from './scenario-fields.ts';
import { didYouMean } from './scenario-spec.ts';
import type { FieldSpec, ObjectSpec } from './scenario-spec.ts';

/** Checks an embedded task definition and reports through `report` (see scenario-task-definitions.ts). */
export type TaskDefinitionCheck = (
  value: unknown,
  path: readonly PathSegment[],
  report: Reporter,
) => boolean;

/** True for a YAML mapping (plain object), not a list or null. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a value for "got …" messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (typeof value === 'string')
    return `a string ("${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function expected(spec: FieldSpec): string {
  switch (spec.type) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'const':
      return `${JSON.stringify(spec.value)}`;
    case 'object':
      return `a mapping (${spec.what ?? 'object'})`;
    case 'array':
      return 'a list';
    case 'ref':
      return spec.ref === 'instanceRef'
        ? 'an instance number (1, 2 …) or an instance selector mapping'
        : 'a mapping';
  }
}

/**
 * Checks `value` at `path` against `spec`; returns true when nothing was reported. Pure apart
 * from writing to `report`.
 */
export function checkShape(
  value: unknown,
  path: readonly PathSegment[],
  spec: FieldSpec,
  report: Reporter,
  taskDefinition: TaskDefinitionCheck,
): boolean {
  const before = report.errorCount();
  const fail = (message: string): boolean => {
    report.error(path, message);
    return false;
  };
  switch (spec.type) {
    case 'string':
      if (typeof value !== 'string')
        return fail(`Expected ${expected(spec)}, got ${describeValue(value)}`);
      if (spec.enum !== undefined && !spec.enum.includes(value)) {
        return fail(
          `"${value}" is not a valid ${spec.what ?? 'value'} (one of ${spec.enum.join(', ')})${didYouMean(value, spec.enum)}`,
        );
      }
      if (spec.pattern !== undefined && !new RegExp(spec.pattern).test(value)) {
        return fail(
          `"${value}" must be lower-case letters, digits and dashes (pattern ${spec.pattern})`,
        );
      }
      return true;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return fail(`Expected ${expected(spec)}, got ${describeValue(value)}`);
      }
      if (spec.type === 'integer' && !Number.isInteger(value))
        return fail(`Expected a whole number, got ${value}`);
      if (spec.minimum !== undefined && value < spec.minimum)
        return fail(`Must be at least ${spec.minimum}, got ${value}`);
      if (spec.maximum !== undefined && value > spec.maximum)
        return fail(`Must be at most ${spec.maximum}, got ${value}`);
      if (
        spec.type === 'number' &&
        spec.exclusiveMinimum !== undefined &&
        value <= spec.exclusiveMinimum
      ) {
        return fail(`Must be more than ${spec.exclusiveMinimum}, got ${value}`);
      }
      return true;
    }
    case 'boolean':
      return (
        typeof value === 'boolean' || fail(`Expected true or false, got ${describeValue(value)}`)
      );
    case 'const':
      return (
        value === spec.value ||
        fail(`Must be ${JSON.stringify(spec.value)}, got ${describeValue(value)}`)
      );
    case 'array': {
      if (!Array.isArray(value)) return fail(`Expected a list, got ${describeValue(value)}`);
      if (spec.minItems !== undefined && value.length < spec.minItems) {
        return fail(
          `Needs at least ${spec.minItems} item${spec.minItems === 1 ? '' : 's'}, got ${value.length}`,
        );
      }
      if (spec.maxItems !== undefined && value.length > spec.maxItems) {
        return fail(`At most ${spec.maxItems} items are allowed, got ${value.length}`);
      }
      value.forEach((item, i) =>
        checkShape(item, [...path, i], spec.items, report, taskDefinition),
      );
      return report.errorCount() === before;
    }
    case 'object':
      checkObject(value, path, spec, report, taskDefinition);
      return report.errorCount() === before;
    case 'ref':
      if (spec.ref === 'taskDefinition') return taskDefinition(value, path, report);
      if (spec.ref === 'action') checkAction(value, path, report, taskDefinition);
      else if (spec.ref === 'condition') checkCondition(value, path, report, taskDefinition);
      else if (typeof value !== 'number')
        checkShape(value, path, INSTANCE_SELECTOR, report, taskDefinition);
      else checkShape(value, path, { type: 'integer', minimum: 1 }, report, taskDefinition);
      return report.errorCount() === before;
  }
}

/** Checks a mapping's fields: required ones present, unknown ones reported with a suggestion. */
export function checkObject(
  value: unknown,
  path: readonly PathSegment[],
  spec: ObjectSpec,
  report: Reporter,
  taskDefinition: TaskDefinitionCheck,
  extraAllowed: readonly string[] = [],
): void {
  if (!isMapping(value)) {
    report.error(path, `Expected ${expected(spec)}, got ${describeValue(value)}`);
    return;
  }
  const allowed = [...Object.keys(spec.fields), ...extraAllowed];
  for (const [key, member] of Object.entries(value)) {
    const fieldSpec = spec.fields[key];
    if (fieldSpec === undefined) {
      if (extraAllowed.includes(key)) continue;
      report.error(
        [...path, key],
        `Unknown field "${key}" in ${spec.what ?? 'this mapping'}${didYouMean(key, allowed)} (allowed: ${allowed.join(', ')})`,
        { atKey: true },
      );
      continue;
    }
    checkShape(member, [...path, key], fieldSpec, report, taskDefinition);
  }
  for (const name of spec.required ?? []) {
    if (!(name in value))
      report.error(path, `Missing required field "${name}" in ${spec.what ?? 'this mapping'}`);
  }
}

function checkAction(
  value: unknown,
  path: readonly PathSegment[],
  report: Reporter,
  taskDefinition: TaskDefinitionCheck,
): void {
  if (!isMapping(value)) {
    report.error(path, `Expected an action mapping with a "type", got ${describeValue(value)}`);
    return;
  }
  const type = value.type;
  if (typeof type !== 'string') {
    report.error(path, `An action needs a "type" (one of ${ACTION_TYPES.join(', ')})`);
    return;
  }
  const spec = ACTION_SPECS[type];
  if (spec === undefined) {
    report.error(
      [...path, 'type'],
      `Unknown action "${type}"${didYouMean(type, ACTION_TYPES)} (valid: ${ACTION_TYPES.join(', ')})`,
    );
    return;
  }
  const extra = NON_API_ACTIONS.has(type) ? ['type'] : ['type', 'expectError'];
  checkObject(value, path, { ...spec, what: `${type} action` }, report, taskDefinition, extra);
  if ('expectError' in value && typeof value.expectError !== 'string') {
    report.error(
      [...path, 'expectError'],
      `Expected a string, got ${describeValue(value.expectError)}`,
    );
  }
}

const CONDITION_KEYS = Object.keys(CONDITION_SPECS);

/** The expectation kind of a mapping: the first identifying key it has. */
export function conditionKind(value: Record<string, unknown>): string | undefined {
  return CONDITION_KEYS.find((key) => key in value);
}

function checkCondition(
  value: unknown,
  path: readonly PathSegment[],
  report: Reporter,
  taskDefinition: TaskDefinitionCheck,
): void {
  if (!isMapping(value)) {
    report.error(path, `Expected an expectation mapping, got ${describeValue(value)}`);
    return;
  }
  const kind = conditionKind(value);
  if (kind === undefined) {
    const first = Object.keys(value)[0] ?? '';
    report.error(
      path,
      `An expectation must name one of ${CONDITION_KEYS.join(', ')}${first === '' ? '' : didYouMean(first, CONDITION_KEYS)}`,
    );
    return;
  }
  const spec = CONDITION_SPECS[kind];
  if (spec !== undefined)
    checkObject(value, path, { ...spec, what: `${kind} expectation` }, report, taskDefinition);
}
