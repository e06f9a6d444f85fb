/**
 * Renders diagnostics the way compilers do, so editors and CI annotate them:
 * `FILE:LINE:COL: path: message`, with `warning: ` before warnings.
 */
import type { Diagnostic } from '../formats/diagnostics.ts';

/** One line for one diagnostic. Pure. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}: `;
  const severity = d.severity === 'warning' ? 'warning: ' : '';
  // Kubernetes' own wording already starts with the field path ("spec.replicas: Invalid value…").
  const path = d.path === '' || d.message.startsWith(`${d.path}: `) ? '' : `${d.path}: `;
  return `${where}${severity}${path}${d.message}`;
}

/** "1 error", "2 warnings" … Pure. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
