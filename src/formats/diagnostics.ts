/**
 * Diagnostics shared by every file format (task definitions, manifests, scenarios): one problem,
 * located by file, 1-based line/column and a field path such as
 * `containerDefinitions[0].portMappings[1].hostPort`.
 */

export type Severity = 'error' | 'warning';

/** One problem found in a file. `line`/`column` are 1-based; `path` is "" for the whole document. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly message: string;
  readonly severity: Severity;
}

/** A JSON path segment: a property name or an array index. */
export type PathSegment = string | number;

/**
 * Formats path segments the way the AWS CLI names parameters: `a.b[0].c`.
 * Pure; `[]` gives "".
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/**
 * Orders diagnostics by position (line, then column), keeping the original order for ties, so
 * output reads top to bottom. Pure: returns a new array.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i)
    .map(({ d }) => d);
}

/** True when at least one diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
