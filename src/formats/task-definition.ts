/**
 * Task definition files: parse and validate what `aws ecs register-task-definition
 * --cli-input-json` accepts, and what `aws ecs describe-task-definition` prints (the bare
 * `taskDefinition` object or the `{ "taskDefinition": … }` wrapper; read-only members such as
 * taskDefinitionArn, revision, status, registeredAt are ignored). Unknown members are warnings.
 * Pure: text in, result out; no I/O.
 */
import type { LaunchType, TaskDefinitionInput } from '../sim/index.ts';
import { CONTAINER_RULES } from './container-rules.ts';
import { CONTAINER_RUNTIME_RULES } from './container-runtime-rules.ts';
import { createReporter } from './diagnostic-reporter.ts';
import type { Reporter } from './diagnostic-reporter.ts';
import { sortDiagnostics } from './diagnostics.ts';
import type { Diagnostic, PathSegment } from './diagnostics.ts';
import { isFargateTaskSize } from './fargate-sizes.ts';
import { createLineIndex, findDuplicateKeys, parseJsonStrict } from './json-positions.ts';
import { checkInputLimits } from './input-limits.ts';
import { PORT_RULES } from './port-rules.ts';
import { buildTaskDefinitionInput } from './task-definition-build.ts';
import type { DraftTaskDefinition } from './task-definition-draft.ts';
import { isPlainObject } from './task-definition-fields.ts';
import { readTaskDefinition } from './task-definition-parse.ts';
import { TASK_LEVEL_RULES } from './task-definition-rules.ts';
import type { TaskDefinitionRule } from './task-definition-rules.ts';

export type { Diagnostic, Severity } from './diagnostics.ts';

/**
 * The outcome of parsing one task-definition file. On failure, `stage` says whether the text was
 * not JSON at all ('json') or a JSON document that breaks the RegisterTaskDefinition rules.
 */
export type TaskDefinitionParseResult =
  | {
      readonly ok: true;
      readonly value: TaskDefinitionInput;
      readonly warnings: readonly Diagnostic[];
    }
  | {
      readonly ok: false;
      readonly stage: 'json' | 'validation';
      readonly errors: readonly Diagnostic[];
      readonly warnings: readonly Diagnostic[];
    };

/** Every rule, in the order RegisterTaskDefinition checks them (reference E1). */
export const TASK_DEFINITION_RULES: readonly TaskDefinitionRule[] = [
  ...TASK_LEVEL_RULES,
  ...CONTAINER_RULES,
  ...CONTAINER_RUNTIME_RULES,
  ...PORT_RULES,
];

/** Members of describe-task-definition's response besides `taskDefinition`. */
const WRAPPER_FIELDS = new Set(['taskDefinition', 'tags']);

/**
 * Parses and validates a task definition JSON text. Reports every problem (not just the first),
 * each with file, 1-based line/column and field path. Pure.
 */
export function parseTaskDefinition(text: string, fileName: string): TaskDefinitionParseResult {
  // Huge or deeply nested files are refused before parsing (issue 9: no frozen tab, no stack overflow).
  const tooBig = checkInputLimits(text, fileName, 'Task definition', 'json');
  if (tooBig) return { ok: false, stage: 'json', errors: [tooBig], warnings: [] };
  const json = parseJsonStrict(text);
  if (!json.ok) {
    const lineOf = createLineIndex(text);
    const errors = json.errors.map((e): Diagnostic => {
      const { line, column } = lineOf(e.offset);
      return { file: fileName, line, column, path: '', message: e.message, severity: 'error' };
    });
    return { ok: false, stage: 'json', errors, warnings: [] };
  }
  const root = json.root;
  const document: unknown = nodeValue(text, root.offset, root.length);
  const base = isDescribeWrapper(document) ? ['taskDefinition'] : [];
  const report = createReporter(fileName, text, root, base);
  const top = createReporter(fileName, text, root);
  for (const dup of findDuplicateKeys(root)) {
    top.warn(dup.path, `Duplicate key "${String(dup.path.at(-1))}": only the last value is used`, {
      atNode: dup.keyNode,
    });
  }
  if (base.length > 0 && isPlainObject(document)) {
    for (const key of Object.keys(document)) {
      if (!WRAPPER_FIELDS.has(key)) {
        top.warn([key], `Unknown parameter "${key}" next to "taskDefinition" is ignored`, {
          atKey: true,
        });
      }
    }
  }
  const body = base.length > 0 && isPlainObject(document) ? document.taskDefinition : document;
  const draft = isPlainObject(body) ? readTaskDefinition(body, report) : undefined;
  if (draft === undefined) {
    report.error([], 'A task definition must be a JSON object (the RegisterTaskDefinition input).');
  } else {
    validateDraft(draft, report);
  }
  const all = sortDiagnostics([...top.diagnostics(), ...report.diagnostics()]);
  const errors = all.filter((d) => d.severity === 'error');
  const warnings = all.filter((d) => d.severity === 'warning');
  if (errors.length > 0 || draft === undefined)
    return { ok: false, stage: 'validation', errors, warnings };
  return { ok: true, value: buildTaskDefinitionInput(draft), warnings };
}

/** Runs every rule of TASK_DEFINITION_RULES on a draft. */
export function validateDraft(draft: DraftTaskDefinition, report: Reporter): void {
  for (const rule of TASK_DEFINITION_RULES) rule.check(draft, report);
}

/**
 * The `compatibilities` ECS computes at registration: EC2 and EXTERNAL always, FARGATE when the
 * definition satisfies Fargate's rules (awsvpc and a Fargate task size) [ECS-API
 * TaskDefinition.compatibilities] (reference D). EXTERNAL is dropped for awsvpc (A1.1). Pure.
 */
export function computeCompatibilities(td: TaskDefinitionInput): LaunchType[] {
  const out: LaunchType[] = ['EC2'];
  if (td.networkMode !== 'awsvpc') out.push('EXTERNAL');
  const windows = td.operatingSystemFamily.startsWith('WINDOWS');
  if (
    td.networkMode === 'awsvpc' &&
    td.cpu !== undefined &&
    td.memory !== undefined &&
    isFargateTaskSize(td.cpu, td.memory, windows)
  ) {
    out.push('FARGATE');
  }
  return out;
}

function isDescribeWrapper(document: unknown): boolean {
  return (
    isPlainObject(document) &&
    isPlainObject(document.taskDefinition) &&
    document.containerDefinitions === undefined &&
    document.family === undefined
  );
}

function nodeValue(text: string, offset: number, length: number): unknown {
  // The text is already known to be strict JSON, so JSON.parse agrees with the tree.
  return JSON.parse(text.slice(offset, offset + length)) as unknown;
}

export type { PathSegment };
