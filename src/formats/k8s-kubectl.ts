/**
 * kubectl bound to the real manifest parser: what the kubectl panel and the CLI call.
 */
import type { K8sState } from '../sim/k8s/model.ts';
import { runKubectl } from '../sim/k8s/kubectl.ts';
import type { KubectlResult } from '../sim/k8s/kubectl.ts';
import { parseManifests } from './manifest.ts';

/**
 * Pure: runs one kubectl command line; `files` maps file names (as given to `-f`) to their text
 * (pasted or dropped files). Returns the new state, kubectl's output and its exit code.
 */
export function kubectl(
  state: K8sState,
  line: string | readonly string[],
  files: Readonly<Record<string, string>> = {},
): KubectlResult {
  return runKubectl(state, line, files, parseManifests);
}
