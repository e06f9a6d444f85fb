/**
 * The terminal panel's command engines (`kubectl …`, `aws ecs …`, `docker …`). Pure like src/sim:
 * an engine takes the world and the words of one command line and returns the new world, the
 * lines a real CLI would print, and its exit code. The machine runs them on a TERMINAL event;
 * the panel only shows the transcript.
 */
import type { K8sState } from '../sim/k8s/model.ts';
import type { SimState } from '../sim/model.ts';
import type { SimCommand } from '../sim/commands.ts';

/**
 * The `files` key under which a pipeline hands the previous command's output to the next one
 * (`aws ecr get-login-password | docker login --password-stdin …`).
 */
export const STDIN_FILE = '<stdin>';

/** Everything a command line can read or change. */
export interface TerminalWorld {
  /** The ECS cluster (and, once ECR lands, its registry). */
  readonly ecs: SimState;
  /** The EKS cluster, when the playground has one. */
  readonly k8s?: K8sState;
}

export interface TerminalResult {
  readonly world: TerminalWorld;
  /** Output lines, stdout and stderr interleaved as a terminal shows them. */
  readonly lines: readonly string[];
  /** 0 success; otherwise the real CLI's exit code where known (kubectl 1, aws 252/254/255…). */
  readonly exitCode: number;
  /**
   * The API calls that changed the world, in order, as SimCommands (kubectl's as EKS_COMMAND):
   * applying them to the world before the line gives the world after it. The machine appends them
   * to its command log, so a typed line is undone and redone like any other user action.
   */
  readonly commands?: readonly SimCommand[];
}

export interface TerminalEngine {
  /** The first word of the command line this engine answers: 'kubectl', 'aws', 'docker'. */
  readonly program: string;
  /** One line for `help`. */
  readonly summary: string;
  /**
   * Runs `argv` (the words after the program name, quotes already removed). `files` maps a file
   * name given to `-f`/`file://` to its text (pasted or dropped files). Never throws for user errors.
   */
  run(
    world: TerminalWorld,
    argv: readonly string[],
    files: Readonly<Record<string, string>>,
  ): TerminalResult;
  /** Completions for the last word of `argv` (optional). */
  complete?(world: TerminalWorld, argv: readonly string[]): readonly string[];
}
