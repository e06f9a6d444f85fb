/**
 * YAML parsing with source positions for scenario files, on top of the `yaml` package's
 * document AST and its LineCounter. Rules report problems by field path (as for JSON task
 * definitions); the YAML reporter turns a path into the 1-based line/column of that node — or,
 * for a missing field, of the mapping that should hold it. Pure: no I/O.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { formatPath, sortDiagnostics } from './diagnostics.ts';
import type { Diagnostic, PathSegment, Severity } from './diagnostics.ts';
import type { ReportOptions, Reporter } from './diagnostic-reporter.ts';

/** A parsed YAML file: its text, AST and line table. */
export interface YamlSource {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/** Outcome of parsing: the source plus its plain JS value, or the syntax errors. */
export type YamlParseOutcome =
  | { readonly ok: true; readonly source: YamlSource; readonly value: unknown }
  | { readonly ok: false; readonly errors: Diagnostic[] };

// Aliases can expand exponentially ("billion laughs"); a scenario needs few if any.
const MAX_ALIAS_COUNT = 100;

/**
 * Parses `text` as one YAML 1.2 document (core schema: `yes`/`on` stay strings). Duplicate keys,
 * several documents and every syntax error are reported with their positions; any error makes
 * the outcome not ok. Pure.
 */
export function parseYaml(text: string, file: string): YamlParseOutcome {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  const at = (offset: number, message: string): Diagnostic => {
    const { line, col } = lineCounter.linePos(offset);
    return {
      file,
      line: Math.max(1, line),
      column: Math.max(1, col),
      path: '',
      message,
      severity: 'error',
    };
  };
  const errors = doc.errors.map((e) =>
    // The yaml package's wording ("please use YAML.parseAllDocuments()") speaks to programmers;
    // the position is the `---` that starts the second document.
    e.code === 'MULTIPLE_DOCS'
      ? at(
          e.pos[0],
          'A scenario file holds one YAML document; a second one starts here (`---`). Put each scenario in its own file',
        )
      : at(e.pos[0], `YAML syntax error: ${firstLine(e.message)}`),
  );
  if (errors.length > 0) return { ok: false, errors: sortDiagnostics(errors) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // toJS throws on excessive alias expansion (ReferenceError from the yaml package).
    return {
      ok: false,
      errors: [at(0, `YAML error: ${firstLine(String((error as Error).message))}`)],
    };
  }
  return { ok: true, source: { file, text, doc, lineCounter }, value };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

/**
 * The AST node at `path`, or its nearest existing ancestor when the path does not exist.
 * With `key`, the key node of the last map entry is returned instead of its value. Pure.
 */
export function locateYamlNode(
  doc: Document.Parsed,
  path: readonly PathSegment[],
  key = false,
): YamlNode | undefined {
  let node: unknown = doc.contents;
  let found: YamlNode | undefined = isNode(node) ? node : undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (pair === undefined) return found;
      if (key && last && isNode(pair.key)) return pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return found;
    }
    if (!isNode(node)) return found;
    found = node;
  }
  return found;
}

function isNode(value: unknown): value is YamlNode {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/** The 1-based position of `path` in the source (see locateYamlNode). */
export function positionOf(
  source: YamlSource,
  path: readonly PathSegment[],
  key = false,
): { line: number; column: number } {
  const node = locateYamlNode(source.doc, path, key);
  const offset = node?.range?.[0] ?? 0;
  const { line, col } = source.lineCounter.linePos(offset);
  return { line: Math.max(1, line), column: Math.max(1, col) };
}

/**
 * A Reporter (the same interface the task-definition rules use) whose paths are located in a YAML
 * source; `base` is prefixed to every path, so an embedded task definition's rules report at
 * `initial.taskDefinitions[0].cpu` with the position of that node in the scenario file.
 */
export function createYamlReporter(
  source: YamlSource,
  base: readonly PathSegment[] = [],
): Reporter {
  const collected: Diagnostic[] = [];
  const add = (
    severity: Severity,
    path: readonly PathSegment[],
    message: string,
    options?: ReportOptions,
  ) => {
    const full = [...base, ...path];
    const { line, column } = positionOf(source, full, options?.atKey ?? false);
    collected.push({ file: source.file, line, column, path: formatPath(full), message, severity });
  };
  return {
    error: (path, message, options) => add('error', path, message, options),
    warn: (path, message, options) => add('warning', path, message, options),
    pathOf: (path) => formatPath([...base, ...path]),
    errorCount: () => collected.filter((d) => d.severity === 'error').length,
    diagnostics: () => sortDiagnostics(collected),
  };
}

/** Parses a formatted path such as `containerDefinitions[0].portMappings[1].hostPort` back into segments. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[1] !== undefined) out.push(match[1]);
  }
  return out;
}
