/**
 * `validate` for task-definition JSON files: prints every problem and a one-line verdict.
 */
import { computeCompatibilities, parseTaskDefinition } from '../formats/task-definition.ts';
import { formatMemory, formatVcpu } from '../formats/task-size.ts';
import type { TaskDefinitionInput } from '../sim/index.ts';
import type { CliIo, ExitCode } from './cli-io.ts';
import { EXIT } from './cli-io.ts';
import { formatDiagnostic, plural } from './format-diagnostic.ts';

/** Validates one task definition text; prints problems and a verdict; returns the exit code. */
export function validateTaskDefinitionFile(file: string, text: string, io: CliIo): ExitCode {
  const result = parseTaskDefinition(text, file);
  const problems = result.ok ? result.warnings : [...result.errors, ...result.warnings];
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const d of sorted) io.stdout(formatDiagnostic(d));
  const warnings =
    result.warnings.length > 0 ? `, ${plural(result.warnings.length, 'warning')}` : '';
  if (result.ok) {
    io.stdout(`${file}: OK (${summarise(result.value)}${warnings})`);
    return EXIT.OK;
  }
  if (result.stage === 'json') {
    io.stdout(`${file}: not valid JSON`);
    return EXIT.FAILURE;
  }
  io.stdout(`${file}: INVALID (${plural(result.errors.length, 'error')}${warnings})`);
  return EXIT.INVALID;
}

/** "family:web, FARGATE-compatible, awsvpc, 0.5 vCPU, 1 GB, 1 container". Pure. */
export function summarise(td: TaskDefinitionInput): string {
  const compat =
    td.requiresCompatibilities.length > 0 ? td.requiresCompatibilities : computeCompatibilities(td);
  const parts = [`family:${td.family}`, `${compat.join('+')}-compatible`, td.networkMode];
  if (td.cpu !== undefined) parts.push(formatVcpu(td.cpu));
  if (td.memory !== undefined) parts.push(formatMemory(td.memory));
  parts.push(plural(td.containerDefinitions.length, 'container'));
  return parts.join(', ');
}
