/**
 * Diagnostics as text for a message box. Its own small module: the palette (imports) and the
 * experiment session (saves, share links) both use it, and the palette importing it from the
 * session would pull the session's chunk — and the EKS simulation it registers — into every page.
 */
import type { Diagnostic } from '../formats/diagnostics.ts';

/** One line per diagnostic, `file:line:col: path: message`; at most `max`, then a count. */
export function describeDiagnostics(errors: readonly Diagnostic[], max = 5): string {
  const lines = errors
    .slice(0, max)
    .map(
      (d) => `${d.file}:${d.line}:${d.column}: ${d.path === '' ? '' : `${d.path}: `}${d.message}`,
    );
  if (errors.length > max) lines.push(`… and ${errors.length - max} more`);
  return lines.join('\n');
}
