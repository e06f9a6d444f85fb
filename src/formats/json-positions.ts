/**
 * Strict JSON parsing that keeps source positions, on top of `jsonc-parser`'s syntax tree.
 * Comments and trailing commas are rejected, as `aws ... --cli-input-json` rejects them
 * (it reads plain JSON: "Error parsing parameter 'cli-input-json': Invalid JSON received.").
 * Pure: no I/O.
 */
import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { PathSegment } from './diagnostics.ts';

export type { Node as JsonNode } from 'jsonc-parser';

/** A 1-based line/column position. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** Maps a character offset to a 1-based line/column (columns count UTF-16 code units). */
export type LineIndex = (offset: number) => SourcePosition;

/** Builds a LineIndex for `text` (line breaks: \n, \r\n or \r). Pure. */
export function createLineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 /* \r */ && text.charCodeAt(i + 1) === 10) continue;
    if (ch === 10 || ch === 13) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

/** A JSON syntax error at a character offset. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

/** The outcome of strict parsing: the tree when the text is valid JSON, else the syntax errors. */
export type JsonParseOutcome =
  | { readonly ok: true; readonly root: Node }
  | { readonly ok: false; readonly errors: readonly JsonSyntaxError[] };

/**
 * Parses `text` as strict JSON (no comments, no trailing commas, not empty). Pure.
 * Every syntax error is reported with a readable message; any error makes the outcome not ok.
 */
export function parseJsonStrict(text: string): JsonParseOutcome {
  if (text.trim() === '') {
    return { ok: false, errors: [{ offset: 0, message: 'Invalid JSON: the file is empty' }] };
  }
  const raw: ParseError[] = [];
  const root = parseTree(text, raw, { disallowComments: true, allowTrailingComma: false });
  const errors: JsonSyntaxError[] = [];
  for (const e of raw) {
    // One mistake can raise several codes at the same offset (a trailing comma gives
    // PropertyNameExpected and ValueExpected); keep the first.
    if (errors.some((x) => x.offset === e.offset)) continue;
    errors.push({ offset: e.offset, message: describeParseError(text, e) });
  }
  if (errors.length > 0 || root === undefined) return { ok: false, errors };
  return { ok: true, root };
}

function describeParseError(text: string, error: ParseError): string {
  const code = printParseErrorCode(error.error);
  const found = text.slice(error.offset, error.offset + Math.max(1, error.length));
  if (code === 'InvalidCommentToken') return 'Invalid JSON: comments are not allowed';
  if (
    (code === 'PropertyNameExpected' || code === 'ValueExpected') &&
    isTrailingComma(text, error.offset)
  ) {
    return 'Invalid JSON: trailing comma is not allowed';
  }
  const readable: Record<string, string> = {
    InvalidSymbol: 'unexpected symbol',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name (in double quotes) expected',
    ValueExpected: 'value expected',
    ColonExpected: "':' expected",
    CommaExpected: "',' expected",
    CloseBraceExpected: "'}' expected",
    CloseBracketExpected: "']' expected",
    EndOfFileExpected: 'end of file expected (only one top-level value is allowed)',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  const what = readable[code] ?? code;
  return found.trim() === '' ? `Invalid JSON: ${what}` : `Invalid JSON: ${what}, found '${found}'`;
}

function isTrailingComma(text: string, offset: number): boolean {
  const next = text[offset];
  if (next !== '}' && next !== ']') return false;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
  return text[i] === ',';
}

/**
 * The node for `path`, or — when that field is missing — its nearest existing ancestor (so a
 * missing field is reported at the object that should hold it). With `key`, a property's name
 * node is returned instead of its value. Pure.
 */
export function locateNode(root: Node, path: readonly PathSegment[], key = false): Node {
  for (let n = path.length; n >= 0; n--) {
    const node = findNode(root, path.slice(0, n));
    if (node === undefined) continue;
    if (key && n === path.length && node.parent?.type === 'property') {
      return node.parent.children?.[0] ?? node;
    }
    return node;
  }
  return root;
}

/**
 * Like jsonc-parser's findNodeAtLocation, but a duplicated property resolves to its *last*
 * occurrence, the one JSON.parse keeps.
 */
function findNode(root: Node, path: readonly PathSegment[]): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (node === undefined) return undefined;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
    } else if (node.type === 'object') {
      const props: Node[] = node.children ?? [];
      const match = props.filter((p) => p.children?.[0]?.value === segment).at(-1);
      node = match?.children?.[1];
    } else {
      return undefined;
    }
  }
  return node;
}

/** A property name that occurs twice in one object (JSON.parse keeps the last value). */
export interface DuplicateKey {
  readonly path: readonly PathSegment[];
  readonly keyNode: Node;
}

/** Lists every duplicated property name in the tree, in document order. Pure. */
export function findDuplicateKeys(root: Node): DuplicateKey[] {
  const out: DuplicateKey[] = [];
  const walk = (node: Node, path: PathSegment[]): void => {
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (keyNode === undefined) continue;
        const name = String(keyNode.value);
        if (seen.has(name)) out.push({ path: [...path, name], keyNode });
        seen.add(name);
        if (valueNode !== undefined) walk(valueNode, [...path, name]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => walk(child, [...path, i]));
    }
  };
  walk(root, []);
  return out;
}
