/**
 * The CLI's commands and its entry point `runCli`. A command is a row in COMMANDS: adding one
 * (e.g. `run` for scenarios) means writing a CliCommand and listing it here.
 */
import type { CliIo, ExitCode } from './cli-io.ts';
import { EXIT } from './cli-io.ts';
import { runCliCommand } from './run-command.ts';
import { validateCommand } from './validate-command.ts';

/** One sub-command. `run` gets the arguments after the command name. */
export interface CliCommand {
  readonly name: string;
  /** e.g. "validate FILE..." */
  readonly usage: string;
  readonly summary: string;
  run(args: readonly string[], io: CliIo): ExitCode | Promise<ExitCode>;
}

/** Every command, in the order `--help` lists them. */
export const COMMANDS: CliCommand[] = [validateCommand, runCliCommand];

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

/** The help text, one line per element. Pure. */
export function helpLines(commands: readonly CliCommand[] = COMMANDS): string[] {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'cluster-playground — headless tools for the Cluster Playground',
    '',
    'usage: cluster-playground <command> [arguments]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'exit codes: 0 all valid, 1 something invalid, 2 usage error or unreadable/unparseable file',
  ];
}

/**
 * Runs the CLI on `argv` (arguments after the program name) with injected I/O and resolves to
 * the exit code. Never calls process.exit; never throws for user errors.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    for (const line of helpLines()) io.stderr(line);
    return EXIT.FAILURE;
  }
  if (HELP_FLAGS.has(name)) {
    for (const line of helpLines()) io.stdout(line);
    return EXIT.OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(`cluster-playground: unknown command '${name}' (see --help)`);
    return EXIT.FAILURE;
  }
  if (rest.some((a) => HELP_FLAGS.has(a) && a !== 'help')) {
    io.stdout(`usage: cluster-playground ${command.usage}`);
    io.stdout(`  ${command.summary}`);
    return EXIT.OK;
  }
  return command.run(rest, io);
}
