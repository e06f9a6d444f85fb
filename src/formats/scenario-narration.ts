/**
 * The narration markup of scenario files: `**bold**` and `` `code` `` only. It is parsed into a
 * token list that views render as text nodes — never into HTML — so a file cannot inject markup.
 */
import type { NarrationToken } from './scenario-types.ts';

/**
 * Splits `text` into text / strong / code tokens. Pure and total: an unclosed `**` or backtick
 * is kept as literal text; markup inside code is literal; adjacent text is merged; empty
 * markers (`****`, two backticks) produce nothing.
 */
export function parseNarration(text: string): NarrationToken[] {
  const tokens: NarrationToken[] = [];
  const push = (kind: NarrationToken['kind'], value: string): void => {
    if (value === '') return;
    const last = tokens[tokens.length - 1];
    if (kind === 'text' && last?.kind === 'text')
      tokens[tokens.length - 1] = { kind, text: last.text + value };
    else tokens.push({ kind, text: value });
  };
  let i = 0;
  let plain = '';
  while (i < text.length) {
    if (text[i] === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        push('text', plain);
        plain = '';
        push('code', text.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    } else if (text.startsWith('**', i)) {
      const end = text.indexOf('**', i + 2);
      if (end > i) {
        push('text', plain);
        plain = '';
        // Bold may contain code; keep it simple: code markers inside bold stay literal text.
        push('strong', text.slice(i + 2, end));
        i = end + 2;
        continue;
      }
    }
    plain += text[i];
    i++;
  }
  push('text', plain);
  return tokens;
}

/** Joins tokens back into plain text (for the CLI and for search). Pure. */
export function narrationText(tokens: readonly NarrationToken[]): string {
  return tokens.map((t) => t.text).join('');
}
