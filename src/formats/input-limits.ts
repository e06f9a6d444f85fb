/**
 * Limits every loader applies before parsing, so a huge or pathologically nested file is refused
 * with a clear message instead of freezing the tab or overflowing the stack (issue 9). Pure.
 *
 * - Size: 1 MB of UTF-8 per file. AWS caps a registered task definition at 64 KiB and the API
 *   server an object at 1.5 MiB (etcd's request limit); 1 MB is far above any real playground file
 *   and parses in well under a second.
 * - Nesting: 64 levels of brackets or indentation. Real task definitions, manifests and scenarios
 *   nest fewer than 15; the parsers recurse per level, so unbounded nesting overflows the stack.
 */
import type { Diagnostic } from './diagnostics.ts';

/** The largest file any loader accepts (bytes of UTF-8). */
export const MAX_INPUT_BYTES = 1024 * 1024;
/** The deepest nesting any loader accepts (flow brackets, or block indentation levels in YAML). */
export const MAX_NESTING_DEPTH = 64;

/** Bytes of `text` as UTF-8, without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The offset where bracket nesting first exceeds `max`, or -1. Brackets inside quoted strings
 * (JSON/YAML double quotes with escapes, YAML single quotes) and YAML comments are ignored.
 */
function deepBracketOffset(text: string, max: number, yaml: boolean): number {
  let depth = 0;
  let quote = 0; // 0, or the char code of the open quote
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === 92 && quote === 34)
        i++; // backslash escape inside "…"
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === 34 || (yaml && c === 39 && depth > 0)) quote = c;
    else if (yaml && c === 35) {
      // # starts a comment at line start or after whitespace: skip to end of line.
      const prev = i === 0 ? 10 : text.charCodeAt(i - 1);
      if (prev === 10 || prev === 32 || prev === 9)
        while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else if (c === 91 || c === 123) {
      depth++;
      if (depth > max) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

/**
 * YAML block nesting: the offset of the first line whose indentation opens more than `max` levels
 * (levels are counted as distinct increasing indents on the stack of open blocks), or -1.
 */
function deepIndentOffset(text: string, max: number): number {
  const stack: number[] = [];
  let offset = 0;
  while (offset <= text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    let indent = 0;
    while (offset + indent < end && text.charCodeAt(offset + indent) === 32) indent++;
    const rest = offset + indent;
    // Blank and comment lines do not open blocks; "- " items nest one level deeper than their dash.
    if (rest < end && text.charCodeAt(rest) !== 35 && text.charCodeAt(rest) !== 13) {
      let level = indent;
      let i = rest;
      while (text.charCodeAt(i) === 45 && text.charCodeAt(i + 1) === 32) {
        while (stack.length && (stack[stack.length - 1] as number) >= level) stack.pop();
        stack.push(level);
        i += 2;
        while (text.charCodeAt(i) === 32) i++;
        level = i - offset;
      }
      while (stack.length && (stack[stack.length - 1] as number) >= level) stack.pop();
      stack.push(level);
      if (stack.length > max) return offset;
    }
    offset = end + 1;
  }
  return -1;
}

/**
 * Pure: a diagnostic refusing `text` when it is larger than MAX_INPUT_BYTES or nested deeper than
 * MAX_NESTING_DEPTH, else undefined. `what` names the file kind in the message ("Task definition").
 */
export function checkInputLimits(
  text: string,
  fileName: string,
  what: string,
  syntax: 'json' | 'yaml',
): Diagnostic | undefined {
  const refuse = (offset: number, message: string): Diagnostic => ({
    file: fileName,
    ...positionOf(text, offset),
    path: '',
    message,
    severity: 'error',
  });
  // Cheap upper bound first: a string of n UTF-16 units is at most 3n bytes.
  if (text.length > MAX_INPUT_BYTES / 3) {
    const bytes = utf8Length(text);
    if (bytes > MAX_INPUT_BYTES)
      return refuse(
        0,
        `${what} file is too large: ${bytes} bytes (the limit is ${MAX_INPUT_BYTES} bytes, 1 MB)`,
      );
  }
  const deep = deepBracketOffset(text, MAX_NESTING_DEPTH, syntax === 'yaml');
  if (deep >= 0)
    return refuse(
      deep,
      `${what} file is nested too deeply (more than ${MAX_NESTING_DEPTH} levels)`,
    );
  if (syntax === 'yaml') {
    const deepBlock = deepIndentOffset(text, MAX_NESTING_DEPTH);
    if (deepBlock >= 0)
      return refuse(
        deepBlock,
        `${what} file is nested too deeply (more than ${MAX_NESTING_DEPTH} levels)`,
      );
  }
  return undefined;
}
