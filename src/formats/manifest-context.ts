/**
 * Validation context for one YAML document of a manifest file: reports problems by Kubernetes field
 * path (`spec.template.spec.containers[0].image`) and locates each at the line/column of that field
 * — the key when it exists, else the nearest enclosing mapping. Pure: no I/O.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { formatPath } from './diagnostics.ts';
import type { Diagnostic, PathSegment, Severity } from './diagnostics.ts';

export class ManifestContext {
  readonly diagnostics: Diagnostic[] = [];
  private errorCount = 0;

  constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  /** True once any error was reported for this document. */
  get failed(): boolean {
    return this.errorCount > 0;
  }

  /** 1-based position of the field at `path` (or of its nearest existing ancestor). */
  position(path: readonly PathSegment[]): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        offset = (pair.key as YamlNode).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as YamlNode | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    const { line, col } = this.lineCounter.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  }

  /** Records a problem; `prefix` false keeps the path out of the message text. */
  report(path: readonly PathSegment[], message: string, severity: Severity, prefix = true): void {
    const p = formatPath(path);
    const pos = this.position(path);
    const text = p && prefix ? `${p}: ${message}` : message;
    this.diagnostics.push({ file: this.file, ...pos, path: p, message: text, severity });
    if (severity === 'error') this.errorCount++;
  }

  error(path: readonly PathSegment[], message: string): void {
    this.report(path, message, 'error');
  }

  warn(path: readonly PathSegment[], message: string): void {
    this.report(path, message, 'warning');
  }

  /** `<path>: Required value` (+ detail), as the API server words it. */
  required(path: readonly PathSegment[], detail?: string): void {
    this.error(path, detail ? `Required value: ${detail}` : 'Required value');
  }

  /** `<path>: Invalid value: <value>: <detail>`; strings are quoted like Go's %q. */
  invalid(path: readonly PathSegment[], value: unknown, detail: string): void {
    this.error(path, `Invalid value: ${goValue(value)}: ${detail}`);
  }

  /** `<path>: Unsupported value: "x": supported values: "a", "b"`. */
  unsupported(path: readonly PathSegment[], value: unknown, supported: readonly string[]): void {
    this.error(
      path,
      `Unsupported value: ${goValue(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
    );
  }
}

/** Renders a value the way the API server's field errors do: "text", 3, map[string]string{…}. */
export function goValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === 'string')) {
      return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
    }
  }
  return JSON.stringify(value) ?? 'null';
}

/** Narrowing helpers for untyped YAML values. */
export type Obj = Readonly<Record<string, unknown>>;
export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const asObj = (v: unknown): Obj => (isObj(v) ? v : {});
export const asArr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
