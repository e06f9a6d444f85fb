/**
 * The task-definition editor's rules (issue 5), pure: the JSON text the editor opens with (a
 * template for "your own" definition, or an existing revision as RegisterTaskDefinition input for
 * "edit → new revision"), the validator's problems as editor ranges (the same parser and AWS
 * rules as files, src/formats/task-definition.ts), and the command(s) the Register action sends.
 * No CodeMirror here: the editor component (src/ui/cp-task-definition-editor.ts) maps these
 * ranges to lint diagnostics.
 */
import { parseTaskDefinition, type Diagnostic } from '../formats/task-definition.ts';
import { READ_ONLY_TASK_DEFINITION_FIELDS } from '../formats/task-definition-fields.ts';
import { describeTaskDefinition, type SimCommand, type SimState } from '../sim/index.ts';
import { dryRun } from './drop-commands.ts';

/** The file name diagnostics carry for the editor's text. */
export const EDITOR_FILE = 'task-definition.json';

/** A starting point for "your own" task definition: a small, valid Fargate/EC2 web task. */
export const OWN_TASK_DEFINITION_TEMPLATE = `${JSON.stringify(
  {
    family: 'my-app',
    requiresCompatibilities: ['FARGATE', 'EC2'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image: 'public.ecr.aws/nginx/nginx:latest',
        essential: true,
        portMappings: [{ containerPort: 80, protocol: 'tcp' }],
      },
    ],
  },
  null,
  2,
)}\n`;

/**
 * An existing revision as the JSON `register-task-definition --cli-input-json` accepts: the
 * describe-task-definition document without its read-only members (ARN, revision, status,
 * compatibilities, registeredAt…) — what the console's "Create new revision" starts from.
 */
export function revisionJson(state: SimState, key: string): string | undefined {
  const doc = describeTaskDefinition(state, key) as Record<string, unknown> | undefined;
  if (doc === undefined) return undefined;
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc))
    if (!READ_ONLY_TASK_DEFINITION_FIELDS.has(k)) input[k] = v;
  return `${JSON.stringify(input, null, 2)}\n`;
}

/** One validator problem as a range of the editor's text (0-based offsets, `to` > `from`). */
export interface EditorProblem {
  readonly from: number;
  readonly to: number;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  /** "path: message", as the CLI prints it. */
  readonly message: string;
}

/** Start offset of every line of `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/**
 * The token at `from`: a whole JSON string (with its quotes), else a run up to the next
 * delimiter; at least one character, and never past the end of the line (or text).
 */
function tokenEnd(text: string, from: number, lineEnd: number): number {
  if (from >= lineEnd) return Math.min(text.length, from + 1);
  if (text[from] === '"') {
    for (let i = from + 1; i < lineEnd; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return lineEnd;
  }
  let i = from;
  while (i < lineEnd && !/[,}\]\s:]/.test(text[i] ?? '')) i++;
  return Math.max(i, from + 1);
}

/** The parser's diagnostics (file:line:column) as editor ranges. */
export function problemsAsRanges(
  text: string,
  diagnostics: readonly Diagnostic[],
): EditorProblem[] {
  const starts = lineStarts(text);
  return diagnostics.map((d) => {
    const lineIndex = Math.min(Math.max(d.line, 1), starts.length) - 1;
    const lineStart = starts[lineIndex] ?? 0;
    const nextStart = starts[lineIndex + 1];
    const lineEnd = nextStart === undefined ? text.length : nextStart - 1;
    const from = Math.min(lineStart + Math.max(d.column, 1) - 1, Math.max(lineEnd, lineStart));
    const to = tokenEnd(text, from, lineEnd);
    return {
      from: Math.min(from, text.length),
      to: Math.min(Math.max(to, from), text.length),
      line: lineIndex + 1,
      column: from - lineStart + 1,
      severity: d.severity,
      message: d.path === '' ? d.message : `${d.path}: ${d.message}`,
    };
  });
}

/** What the editor shows for `text`: every problem, and whether Register can be pressed. */
export function checkTaskDefinitionText(text: string): {
  readonly problems: readonly EditorProblem[];
  readonly canRegister: boolean;
} {
  const result = parseTaskDefinition(text, EDITOR_FILE);
  const diagnostics = result.ok ? result.warnings : [...result.errors, ...result.warnings];
  return { problems: problemsAsRanges(text, diagnostics), canRegister: result.ok };
}

/** The revision number RegisterTaskDefinition gives the next revision of `family`. */
export function nextRevisionOf(state: SimState, family: string): number {
  let max = 0;
  for (const td of Object.values(state.taskDefinitions))
    if (td.family === family) max = Math.max(max, td.revision);
  return max + 1;
}

export type RegisterPlan =
  | {
      readonly ok: true;
      readonly commands: readonly SimCommand[];
      /** The new revision's key, "family:N". */
      readonly key: string;
      readonly summary: string;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * RegisterTaskDefinition for the editor's text (a new revision of its family) and, with
 * `deployTo`, UpdateService of that service to the new revision (one user action, one undo
 * step). Refused — nothing sent — when the text does not validate or ECS would refuse.
 */
export function registerPlan(state: SimState, text: string, deployTo?: string): RegisterPlan {
  const result = parseTaskDefinition(text, EDITOR_FILE);
  if (!result.ok) {
    const first = result.errors[0];
    return {
      ok: false,
      reason:
        first === undefined
          ? 'The task definition is not valid.'
          : `${first.file}:${first.line}:${first.column}: ${first.path === '' ? '' : `${first.path}: `}${first.message}`,
    };
  }
  const td = result.value;
  const key = `${td.family}:${nextRevisionOf(state, td.family)}`;
  const commands: SimCommand[] = [{ type: 'REGISTER_TASK_DEFINITION', taskDefinition: td }];
  if (deployTo !== undefined)
    commands.push({ type: 'UPDATE_SERVICE', serviceName: deployTo, taskDefinition: key });
  const error = dryRun(state, commands);
  if (error !== undefined) return { ok: false, reason: error };
  return {
    ok: true,
    commands,
    key,
    summary:
      deployTo === undefined
        ? `Registered ${key}.`
        : `Registered ${key} and deployed it to service ${deployTo} (rolling deployment).`,
  };
}

export type ImportPlan =
  | {
      readonly ok: true;
      readonly commands: readonly SimCommand[];
      readonly key: string;
      readonly summary: string;
    }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

/**
 * A task-definition file (picked or dropped) as RegisterTaskDefinition: every problem with file,
 * line, column and field when it does not validate (nothing is sent), else the command and the
 * revision it creates. An ECS refusal is reported at the file's first line.
 */
export function importPlan(state: SimState, text: string, fileName: string): ImportPlan {
  const result = parseTaskDefinition(text, fileName);
  if (!result.ok) return { ok: false, errors: result.errors };
  const td = result.value;
  const key = `${td.family}:${nextRevisionOf(state, td.family)}`;
  const commands: SimCommand[] = [{ type: 'REGISTER_TASK_DEFINITION', taskDefinition: td }];
  const error = dryRun(state, commands);
  if (error !== undefined)
    return {
      ok: false,
      errors: [{ file: fileName, line: 1, column: 1, path: '', message: error, severity: 'error' }],
    };
  const warned = result.warnings.length;
  return {
    ok: true,
    commands,
    key,
    summary: `Registered ${key} from ${fileName}${warned > 0 ? ` (${warned} warning${warned === 1 ? '' : 's'}: ${result.warnings[0]?.path} ${result.warnings[0]?.message})` : ''}.`,
  };
}
