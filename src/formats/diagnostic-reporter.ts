/**
 * Collects diagnostics for one JSON document, turning field paths into source positions.
 * Rules report by path; the reporter finds the value node (or, for a missing field, the
 * object that should hold it) and converts its offset to a 1-based line/column.
 */
import { formatPath, sortDiagnostics } from './diagnostics.ts';
import type { Diagnostic, PathSegment, Severity } from './diagnostics.ts';
import { createLineIndex, locateNode } from './json-positions.ts';
import type { JsonNode } from './json-positions.ts';

/** Options for one report. */
export interface ReportOptions {
  /** Point at the property's name instead of its value (for unknown or duplicate keys). */
  readonly atKey?: boolean;
  /** Report at this node instead of looking the path up (e.g. the second of two duplicate keys). */
  readonly atNode?: JsonNode;
}

/** Where rules send problems. Paths are relative to the reporter's base path. */
export interface Reporter {
  error(path: readonly PathSegment[], message: string, options?: ReportOptions): void;
  warn(path: readonly PathSegment[], message: string, options?: ReportOptions): void;
  /** The full path string (base + path), as it will appear in diagnostics and messages. */
  pathOf(path: readonly PathSegment[]): string;
  /** Errors reported so far. */
  errorCount(): number;
  /** Everything reported, sorted by position. */
  diagnostics(): Diagnostic[];
}

/**
 * A reporter for `text` (already parsed into `root`) in `file`; `base` is prefixed to every path
 * (e.g. ["taskDefinition"] for describe-task-definition output).
 */
export function createReporter(
  file: string,
  text: string,
  root: JsonNode,
  base: readonly PathSegment[] = [],
): Reporter {
  const lineOf = createLineIndex(text);
  const collected: Diagnostic[] = [];
  const add = (
    severity: Severity,
    path: readonly PathSegment[],
    message: string,
    options?: ReportOptions,
  ): void => {
    const full = [...base, ...path];
    const node = options?.atNode ?? locateNode(root, full, options?.atKey ?? false);
    const { line, column } = lineOf(node.offset);
    collected.push({ file, line, column, path: formatPath(full), message, severity });
  };
  return {
    error: (path, message, options) => add('error', path, message, options),
    warn: (path, message, options) => add('warning', path, message, options),
    pathOf: (path) => formatPath([...base, ...path]),
    errorCount: () => collected.filter((d) => d.severity === 'error').length,
    diagnostics: () => sortDiagnostics(collected),
  };
}
