/**
 * What a file dropped on (or picked into) the page is, judged by its content (issue 5), so one
 * page-level drop handler can send it to the right loader: a scenario (YAML with `steps`), a saved
 * experiment (the JSON envelope, experiment-file.ts), a Kubernetes manifest (YAML or JSON with
 * `apiVersion` and `kind`), or an ECS task definition (any other JSON: RegisterTaskDefinition input
 * or describe-task-definition output). The extension only decides when the content says nothing
 * (an empty file). Pure: nothing is parsed beyond a look at the top-level keys; the loader the
 * file goes to reports its problems with line, column and field.
 */
import { EXPERIMENT_FORMAT } from './experiment-file.ts';

export type DroppedFileKind = 'scenario' | 'experiment' | 'manifest' | 'taskDefinition';

/** A human name for each kind, for messages. */
export const DROPPED_FILE_KIND_NAMES: Readonly<Record<DroppedFileKind, string>> = {
  scenario: 'scenario file',
  experiment: 'saved experiment',
  manifest: 'Kubernetes manifest',
  taskDefinition: 'ECS task definition',
};

/** The largest dropped file read at all (the experiment envelope's limit, the largest loader's). */
export const MAX_DROPPED_FILE_BYTES = 1024 * 1024 + 16 * 1024;

const EXPERIMENT_MARK = new RegExp(`"format"\\s*:\\s*"${EXPERIMENT_FORMAT}"`);

/** The kind of a dropped file by its content (then its name). */
export function classifyDroppedFile(fileName: string, text: string): DroppedFileKind {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{') || body.startsWith('[')) {
    // JSON: an experiment envelope, a Kubernetes object, or a task definition.
    if (EXPERIMENT_MARK.test(body)) return 'experiment';
    if (/"apiVersion"\s*:/.test(body) && /"kind"\s*:/.test(body)) return 'manifest';
    return 'taskDefinition';
  }
  if (body !== '') {
    // YAML: top-level (unindented) keys decide.
    const topKeys = new Set<string>();
    for (const m of body.matchAll(/^([A-Za-z_][\w-]*)\s*:/gm)) topKeys.add(m[1] as string);
    if (topKeys.has('apiVersion') && topKeys.has('kind')) return 'manifest';
    return 'scenario';
  }
  if (/\.json$/i.test(fileName)) return 'taskDefinition';
  return 'scenario';
}
