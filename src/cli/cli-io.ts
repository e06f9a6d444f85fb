/**
 * The CLI's view of the outside world, injected so the whole CLI runs in unit tests without
 * spawning a process or touching the disk. src/cli/main.ts supplies the Node implementation.
 */

/** What a command may do besides computing: read files and write lines. */
export interface CliIo {
  /** The file's text; throws (or rejects) when it cannot be read. */
  readFile(path: string): string | Promise<string>;
  /** Writes one line to standard output (no trailing newline needed). */
  stdout(line: string): void;
  /** Writes one line to standard error. */
  stderr(line: string): void;
}

/** Process exit codes shared by every command. */
export const EXIT = {
  /** Everything checked out. */
  OK: 0,
  /** At least one input is invalid (problems were printed). */
  INVALID: 1,
  /** Usage error, unreadable file, or a file that is not parseable at all. */
  FAILURE: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The worst of several exit codes (FAILURE > INVALID > OK). */
export function worstExit(codes: readonly ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>((worst, code) => (code > worst ? code : worst), EXIT.OK);
}

/** Collects output in memory (for tests and for embedding the CLI). */
export function createMemoryIo(files: Readonly<Record<string, string>> = {}): CliIo & {
  readonly out: string[];
  readonly err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    stdout: (line) => void out.push(line),
    stderr: (line) => void err.push(line),
  };
}
