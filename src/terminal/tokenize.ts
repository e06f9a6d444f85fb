/**
 * A shell-like tokenizer for the terminal panel, following the POSIX shell quoting rules
 * (IEEE Std 1003.1, 2.2 "Quoting"): a backslash outside quotes keeps the next character literally;
 * single quotes keep everything up to the next single quote; inside double quotes a backslash
 * escapes only `$`, `` ` ``, `"`, `\` and a newline. No expansion, globbing, pipes or redirection:
 * the playground runs no shell, it only splits words.
 */

export type TokenizeResult =
  | { readonly ok: true; readonly words: readonly string[] }
  | { readonly ok: false; readonly error: string };

const DOUBLE_QUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\', '\n']);

/** Pure: splits a command line into words, removing quotes and escapes. */
export function tokenize(line: string): TokenizeResult {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === '\\') {
      inWord = true;
      const next = line[i + 1];
      // A trailing backslash or backslash-newline continues the line: nothing is added.
      if (next !== undefined && next !== '\n') word += next;
      i += 2;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0)
        return { ok: false, error: "bash: unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i] as string;
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && DOUBLE_QUOTE_ESCAPABLE.has(line[i + 1] ?? '')) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      if (!closed)
        return { ok: false, error: 'bash: unexpected EOF while looking for matching `"\'' };
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return { ok: true, words };
}

/**
 * Pure: where the last word of `line` starts (for completion), and whether the cursor is after a
 * space (a new, empty word). Quotes are not considered: completion works on plain words.
 */
export function lastWordStart(line: string): number {
  const m = /\S*$/.exec(line);
  return m ? m.index : line.length;
}
