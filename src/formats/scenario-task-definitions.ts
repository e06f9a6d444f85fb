/**
 * Task definitions embedded in scenario files (`initial.taskDefinitions`, REGISTER_TASK_DEFINITION
 * actions) are the RegisterTaskDefinition input written as YAML. They are checked by the very
 * rules that check JSON files (readTaskDefinition + validateDraft from task-definition.ts), run
 * on the parsed object with a reporter that locates paths in the YAML file, so every message
 * points at the right line of the scenario.
 */
import type { TaskDefinitionInput } from '../sim/index.ts';
import type { Diagnostic, PathSegment } from './diagnostics.ts';
import { formatPath } from './diagnostics.ts';
import { buildTaskDefinitionInput } from './task-definition-build.ts';
import { validateDraft } from './task-definition.ts';
import { readTaskDefinition } from './task-definition-parse.ts';
import { createYamlReporter } from './scenario-yaml.ts';
import type { YamlSource } from './scenario-yaml.ts';

/** The outcome of checking one embedded task definition. */
export interface EmbeddedTaskDefinition {
  /** The normalised input when the definition is valid. */
  readonly value?: TaskDefinitionInput;
  /** Errors, located in the scenario file. */
  readonly errors: readonly Diagnostic[];
  readonly warnings: readonly Diagnostic[];
}

/**
 * Validates `value` (found at `path` in `source`) as a RegisterTaskDefinition input. Pure.
 * Valid ⇔ `errors` is empty, and then `value` is set.
 */
export function checkEmbeddedTaskDefinition(
  source: YamlSource,
  value: unknown,
  path: readonly PathSegment[],
): EmbeddedTaskDefinition {
  const report = createYamlReporter(source, path);
  const draft = readTaskDefinition(value, report);
  if (draft !== undefined) validateDraft(draft, report);
  const all = report.diagnostics();
  const errors = all.filter((d) => d.severity === 'error');
  const warnings = all.filter((d) => d.severity === 'warning');
  if (draft === undefined && errors.length === 0) {
    // readTaskDefinition reports a non-object itself; this is a belt-and-braces guard.
    return {
      errors: [locatedError(source, path, 'A task definition must be a mapping')],
      warnings,
    };
  }
  if (errors.length > 0 || draft === undefined) return { errors, warnings };
  return { value: buildTaskDefinitionInput(draft), errors, warnings };
}

function locatedError(
  source: YamlSource,
  path: readonly PathSegment[],
  message: string,
): Diagnostic {
  const report = createYamlReporter(source);
  report.error(path, message);
  return (
    report.diagnostics()[0] ?? {
      file: source.file,
      line: 1,
      column: 1,
      path: formatPath(path),
      message,
      severity: 'error',
    }
  );
}
