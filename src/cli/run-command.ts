/**
 * `cluster-playground run FILE [--seed N] [--json]`: replays a scenario headless. Prints one
 * line per step and one per expectation (✓/✗ with the actual value); `--json` prints the step
 * verdicts and a summary of the final state instead. Exit 0 when every expectation holds, 1 when
 * any fails, 2 when the file is invalid, unreadable or the arguments are wrong.
 */
import { loadScenario } from '../formats/scenario.ts';
import { narrationText } from '../formats/scenario-narration.ts';
import { runScenario, runToJson } from '../machine/scenario/runner.ts';
import type { ScenarioRun } from '../machine/scenario/runner.ts';
import type { CliIo, ExitCode } from './cli-io.ts';
import { EXIT } from './cli-io.ts';
import type { CliCommand } from './command-table.ts';
import { formatDiagnostic, plural } from './format-diagnostic.ts';

const USAGE = 'usage: cluster-playground run FILE [--seed N] [--json]';

interface RunArgs {
  readonly file: string;
  readonly seed?: number;
  readonly json: boolean;
}

/** Parses `run`'s arguments; a string is the usage error. Pure. */
export function parseRunArgs(args: readonly string[]): RunArgs | string {
  let file: string | undefined;
  let seed: number | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const value = arg === '--seed' ? args[++i] : arg.slice('--seed='.length);
      const n = Number(value);
      if (value === undefined || value === '' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
        return `--seed needs a whole number from 0 to 4294967295, got ${value === undefined ? 'nothing' : `'${value}'`}`;
      }
      seed = n;
    } else if (arg.startsWith('-')) return `unknown option '${arg}'`;
    else if (file === undefined) file = arg;
    else return `only one scenario file at a time (got '${file}' and '${arg}')`;
  }
  if (file === undefined) return 'missing scenario FILE';
  return { file, json, ...(seed === undefined ? {} : { seed }) };
}

/** Runs the `run` command with injected I/O; resolves to the exit code. Never throws for user errors. */
export async function runCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseRunArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`cluster-playground run: ${parsed}`);
    io.stderr(USAGE);
    return EXIT.FAILURE;
  }
  let text: string;
  try {
    text = await io.readFile(parsed.file);
  } catch (error) {
    io.stderr(`${parsed.file}: cannot read file (${(error as Error).message})`);
    return EXIT.FAILURE;
  }
  const loaded = loadScenario(text, parsed.file);
  if (!loaded.ok) {
    for (const d of [...loaded.errors, ...loaded.warnings]) io.stderr(formatDiagnostic(d));
    io.stderr(`${parsed.file}: INVALID scenario (${plural(loaded.errors.length, 'error')})`);
    return EXIT.FAILURE;
  }
  for (const d of loaded.warnings) io.stderr(formatDiagnostic(d));
  const run = runScenario(loaded.scenario, parsed.seed === undefined ? {} : { seed: parsed.seed });
  if (parsed.json)
    io.stdout(JSON.stringify({ scenario: loaded.scenario.id, ...runToJson(run) }, null, 2));
  else
    for (const line of formatRun(loaded.scenario.id, loaded.scenario.title, run)) io.stdout(line);
  return run.summary.ok ? EXIT.OK : EXIT.INVALID;
}

/** The human report of a run, one line per step and per expectation or action problem. Pure. */
export function formatRun(id: string, title: string, run: ScenarioRun): string[] {
  const lines = [`${id}: ${title} (seed ${run.seed})`];
  for (const error of run.initialErrors) lines.push(`  ✗ ${error}`);
  const width = String(run.steps.length).length;
  for (const step of run.steps) {
    lines.push(`${step.ok ? '✓' : '✗'} ${String(step.index + 1).padStart(width)}. ${step.title}`);
    for (const action of step.actions) {
      if (!action.ok) lines.push(`    ✗ action ${action.type}: ${action.message ?? 'failed'}`);
      else if (
        action.note !== undefined &&
        action.type !== 'ADVANCE_UNTIL' &&
        !action.note.startsWith('refused as expected')
      )
        lines.push(`    · ${action.type}: ${action.note}`);
    }
    for (const e of step.expectations) {
      lines.push(
        `    ${e.ok ? '✓' : '✗'} ${e.description} — actual: ${e.actual}${e.ok ? '' : ` (line ${e.line})`}`,
      );
    }
  }
  const s = run.summary;
  lines.push(
    `${s.ok ? 'OK' : 'FAILED'}: ${plural(s.steps, 'step')}, ${s.passed}/${s.expectations} expectations hold` +
      (s.stepErrors > 0 ? `, ${plural(s.stepErrors, 'step')} with a failed action` : ''),
  );
  return lines;
}

/**
 * `validate` for scenario files: prints every diagnostic and an OK/INVALID line. Exit 0 valid,
 * 1 invalid. For the validate command's table of file validators.
 */
export function validateScenarioFile(file: string, text: string, io: CliIo): ExitCode {
  const loaded = loadScenario(text, file);
  const all = loaded.ok ? loaded.warnings : [...loaded.errors, ...loaded.warnings];
  for (const d of [...all].sort((a, b) => a.line - b.line || a.column - b.column))
    io.stdout(formatDiagnostic(d));
  if (loaded.ok) {
    const s = loaded.scenario;
    io.stdout(
      `${file}: OK (scenario ${s.id}: ${plural(s.steps.length, 'step')}; ${narrationText(s.summary).slice(0, 60)})`,
    );
    return EXIT.OK;
  }
  io.stdout(`${file}: INVALID (${plural(loaded.errors.length, 'error')})`);
  return EXIT.INVALID;
}

/** True when a YAML text looks like a scenario (a top-level `steps:` and no Kubernetes `kind:`). */
export function looksLikeScenario(text: string): boolean {
  return /^steps\s*:/m.test(text) && !/^kind\s*:/m.test(text);
}

/** The `run` row for the CLI's command table. */
export const runCliCommand: CliCommand = {
  name: 'run',
  usage: 'run FILE [--seed N] [--json]',
  summary: 'replay a scenario headless and check its expectations',
  run: runCommand,
};
