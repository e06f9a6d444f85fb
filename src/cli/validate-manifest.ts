/**
 * `validate` for Kubernetes manifest files: prints every problem the API server would refuse
 * (FILE:LINE:COL: message with the field path) and a one-line verdict. YAML syntax errors are
 * "cannot parse" (exit 2); validation errors exit 1; kinds the simulator does not run are warnings.
 */
import { parseManifests } from '../formats/manifest.ts';
import type { CliIo, ExitCode } from './cli-io.ts';
import { EXIT } from './cli-io.ts';
import { formatDiagnostic, plural } from './format-diagnostic.ts';

export function validateManifestFile(file: string, text: string, io: CliIo): ExitCode {
  const result = parseManifests(text, file);
  const sorted = [...result.diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  for (const d of sorted) io.stdout(formatDiagnostic(d));
  const errors = sorted.filter((d) => d.severity === 'error');
  const warnings = sorted.length - errors.length;
  const warned = warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
  if (errors.length === 0) {
    const kinds = result.objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ');
    io.stdout(
      `${file}: OK (${plural(result.objects.length, 'object')}${kinds ? `: ${kinds}` : ''}${warned})`,
    );
    return EXIT.OK;
  }
  // A document that is not YAML at all cannot be checked further: that is "unparseable" (exit 2).
  if (errors.some((d) => d.message.startsWith('error converting YAML to JSON'))) {
    io.stdout(`${file}: not valid YAML`);
    return EXIT.FAILURE;
  }
  io.stdout(`${file}: INVALID (${plural(errors.length, 'error')}${warned})`);
  return EXIT.INVALID;
}
