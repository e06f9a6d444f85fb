/**
 * The terminal's dispatcher: splits a line into words like a shell, hands the words after the
 * program name to the engine registered for it, and answers the built-ins `help` and `clear`.
 * Unknown programs get bash's "command not found" (exit status 127, POSIX 2.8.2).
 */
import { ENGINES } from './engines.ts';
import { lastWordStart, tokenize } from './tokenize.ts';
import {
  STDIN_FILE,
  type TerminalEngine,
  type TerminalResult,
  type TerminalWorld,
} from './types.ts';

export interface TerminalRun extends TerminalResult {
  /** `clear` was typed: the panel empties its transcript. */
  readonly clear?: boolean;
}

export const BUILTINS = ['clear', 'help'] as const;

/** Linux exec limits: one argument (MAX_ARG_STRLEN, 32 pages) and all of them (ARG_MAX default). */
export const MAX_ARG_STRLEN = 128 * 1024;
export const ARG_MAX = 2 * 1024 * 1024;

function helpLines(engines: readonly TerminalEngine[]): string[] {
  return [
    'Commands (simulated; nothing leaves your browser):',
    ...engines.map((e) => `  ${e.summary}`),
    '  clear — clear the terminal',
    '  help — this list',
    'Files pasted or dropped on the panel can be given to -f by name.',
  ];
}

/** Pure: runs one command line against the world. Never throws for user input. */
export function runTerminalLine(
  world: TerminalWorld,
  line: string,
  files: Readonly<Record<string, string>> = {},
  engines: readonly TerminalEngine[] = ENGINES,
): TerminalRun {
  const t = tokenize(line);
  if (!t.ok) return { world, lines: [t.error], exitCode: 2 };
  if (t.words.includes('|')) return runPipeline(world, t.words, files, engines);
  return runWords(world, t.words, files, engines);
}

/**
 * A pipeline (`a | b`): each command runs in turn and the next one gets the previous one's output
 * as its standard input (`files[STDIN_FILE]`). The exit status is the last command's (bash without
 * pipefail); a failing earlier command's output stays visible, as its stderr would in a terminal.
 * The only pipe the playground needs is `aws ecr get-login-password | docker login --password-stdin`.
 */
function runPipeline(
  world: TerminalWorld,
  words: readonly string[],
  files: Readonly<Record<string, string>>,
  engines: readonly TerminalEngine[],
): TerminalRun {
  const stages: string[][] = [[]];
  for (const w of words) {
    if (w === '|') stages.push([]);
    else stages[stages.length - 1]?.push(w);
  }
  if (stages.some((st) => st.length === 0))
    return { world, lines: ["bash: syntax error near unexpected token `|'"], exitCode: 2 };
  let current = world;
  let shown: string[] = [];
  let stdin: string | undefined;
  let exitCode = 0;
  const commands: NonNullable<TerminalRun['commands']>[number][] = [];
  for (const [i, stage] of stages.entries()) {
    const input = stdin === undefined ? files : { ...files, [STDIN_FILE]: stdin };
    const r = runWords(current, stage, input, engines);
    current = r.world;
    if (r.commands) commands.push(...r.commands);
    exitCode = r.exitCode;
    const last = i === stages.length - 1;
    if (last || r.exitCode !== 0) shown = [...shown, ...r.lines];
    stdin = r.exitCode === 0 ? r.lines.join('\n') : '';
  }
  return { world: current, lines: shown, exitCode, ...(commands.length ? { commands } : {}) };
}

function runWords(
  world: TerminalWorld,
  words: readonly string[],
  files: Readonly<Record<string, string>>,
  engines: readonly TerminalEngine[],
): TerminalRun {
  const t = { words };
  const [program, ...argv] = t.words;
  if (program === undefined) return { world, lines: [], exitCode: 0 };
  if (program === 'help') return { world, lines: helpLines(engines), exitCode: 0 };
  if (program === 'clear') return { world, lines: [], exitCode: 0, clear: true };
  const engine = engines.find((e) => e.program === program);
  if (!engine) return { world, lines: [`bash: ${program}: command not found`], exitCode: 127 };
  // Linux refuses exec with an argument over MAX_ARG_STRLEN (128 KiB) or arguments over ARG_MAX
  // (2 MiB by default) with E2BIG, which bash prints as below (exit 126, POSIX 2.8.2). Keeps a
  // pasted 10 MB line from being echoed into the transcript (issue 9).
  let total = 0;
  for (const w of t.words) total += w.length + 1;
  if (total > ARG_MAX || argv.some((w) => w.length > MAX_ARG_STRLEN))
    return { world, lines: [`bash: ${program}: Argument list too long`], exitCode: 126 };
  return engine.run(world, argv, files);
}

export interface Completion {
  /** Index in the line where the completed word starts. */
  readonly start: number;
  /** Matching words, sorted. */
  readonly candidates: readonly string[];
  /**
   * The line after Tab: the last word replaced by the longest common prefix of the candidates
   * (plus a space when exactly one matched and it does not end with "/" or "=").
   */
  readonly line: string;
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0] as string;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Pure: Tab completion for the last word of `line`. */
export function completeTerminalLine(
  world: TerminalWorld,
  line: string,
  engines: readonly TerminalEngine[] = ENGINES,
): Completion {
  const start = lastWordStart(line);
  const last = line.slice(start);
  const head = line.slice(0, start);
  const t = tokenize(head);
  const words = t.ok ? t.words : [];
  let candidates: readonly string[] = [];
  if (words.length === 0) {
    candidates = [...engines.map((e) => e.program), ...BUILTINS]
      .filter((p) => p.startsWith(last))
      .sort();
  } else {
    const engine = engines.find((e) => e.program === words[0]);
    candidates = engine?.complete?.(world, [...words.slice(1), last]) ?? [];
  }
  const prefix = commonPrefix(candidates);
  let completed = prefix.length > last.length ? prefix : last;
  if (candidates.length === 1 && !/[/=]$/.test(completed)) completed += ' ';
  return { start, candidates, line: head + completed };
}
