/**
 * The `kubectl` terminal engine: adapts the pure kubectl of src/formats/k8s-kubectl.ts (real
 * manifest parser bound in) to the TerminalEngine interface, and completes verbs, resource types,
 * flags and object names from the simulated cluster.
 */
import { kubectl } from '../formats/k8s-kubectl.ts';
import type { K8sState } from '../sim/k8s/model.ts';
import { resolveResource } from '../sim/k8s/kubectl.ts';
import { kubectlServices } from '../sim/k8s/kubernetes-service.ts';
import type { TerminalEngine, TerminalResult, TerminalWorld } from './types.ts';

/**
 * What kubectl prints when no cluster answers: the last line of kubectl's message for a refused
 * connection to the default server (kubeconfig without a cluster).
 */
export const NO_CLUSTER_MESSAGE =
  'The connection to the server localhost:8080 was refused - did you specify the right host or port?';

export const KUBECTL_VERBS = [
  'apply',
  'cluster-info',
  'create',
  'delete',
  'describe',
  'get',
  'logs',
  'rollout',
  'scale',
  'top',
  'version',
] as const;

/** Resource words offered by completion (kubectl accepts the short names too). */
export const RESOURCE_WORDS = [
  'deployments',
  'events',
  'hpa',
  'namespaces',
  'nodes',
  'pods',
  'replicasets',
  'services',
] as const;

const FLAGS = [
  '--all-namespaces',
  '--namespace',
  '--output',
  '--replicas=',
  '-A',
  '-f',
  '-n',
  '-o',
];
const OUTPUTS = ['json', 'wide', 'yaml'];

function run(
  world: TerminalWorld,
  argv: readonly string[],
  files: Readonly<Record<string, string>>,
): TerminalResult {
  if (!world.k8s) return { world, lines: [NO_CLUSTER_MESSAGE], exitCode: 1 };
  const r = kubectl(world.k8s, argv, files);
  return {
    world: r.state === world.k8s ? world : { ...world, k8s: r.state },
    lines: r.output === '' ? [] : r.output.split('\n'),
    exitCode: r.exitCode,
    ...(r.commands?.length
      ? { commands: r.commands.map((command) => ({ type: 'EKS_COMMAND' as const, command })) }
      : {}),
  };
}

/** Pure: names of the objects of a resource type in a namespace (cluster-scoped kinds ignore it). */
export function objectNames(state: K8sState, word: string, namespace: string): string[] {
  const resource = resolveResource(word);
  type Named = { meta: { name: string; namespace: string } };
  const inNs = (rec: Readonly<Record<string, Named>> | readonly Named[]) =>
    Object.values(rec)
      .filter((o) => o.meta.namespace === namespace)
      .map((o) => o.meta.name);
  switch (resource) {
    case 'pods':
      return inNs(state.pods);
    case 'deployments':
      return inNs(state.deployments);
    case 'replicasets':
      return inNs(state.replicaSets);
    case 'services':
      return inNs(kubectlServices(state));
    case 'hpa':
      return inNs(state.hpas);
    case 'nodes':
      return Object.keys(state.nodes);
    case 'namespaces':
      return Object.keys(state.namespaces);
    default:
      return [];
  }
}

/** The namespace named by -n/--namespace among the words, or "default". */
function namespaceOf(words: readonly string[]): string {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if ((w === '-n' || w === '--namespace') && words[i + 1] !== undefined)
      return words[i + 1] as string;
    if (w.startsWith('--namespace=')) return w.slice('--namespace='.length);
    if (w.startsWith('-n') && w.length > 2) return w.slice(2);
  }
  return 'default';
}

const TAKES_VALUE = new Set([
  '-n',
  '--namespace',
  '-o',
  '--output',
  '-f',
  '--filename',
  '-c',
  '--container',
]);

/** Pure: every candidate for the last word (before prefix filtering). */
function candidates(state: K8sState | undefined, argv: readonly string[]): string[] {
  const last = argv[argv.length - 1] ?? '';
  const before = argv.slice(0, -1);
  const prev = before[before.length - 1];
  if (prev === '-n' || prev === '--namespace') return state ? Object.keys(state.namespaces) : [];
  if (prev === '-o' || prev === '--output') return OUTPUTS;
  if (prev === '-f' || prev === '--filename') return [];
  if (last.startsWith('-')) return FLAGS;
  // Positional words typed so far (flags and their values removed).
  const positional: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const w = before[i] as string;
    if (TAKES_VALUE.has(w)) i++;
    else if (!w.startsWith('-')) positional.push(w);
  }
  const ns = namespaceOf(argv);
  const names = (word: string): string[] => (state ? objectNames(state, word, ns) : []);
  const slashNames = (allowed: readonly string[]): string[] => {
    if (!last.includes('/')) return [];
    const word = last.slice(0, last.indexOf('/'));
    if (!allowed.includes(resolveResource(word) ?? '')) return [];
    return names(word).map((n) => `${word}/${n}`);
  };
  const verb = positional[0];
  const n = positional.length;
  if (n === 0) return [...KUBECTL_VERBS];
  switch (verb) {
    case 'get':
    case 'describe':
    case 'delete':
      if (n === 1) return last.includes('/') ? slashNames(RESOURCE_WORDS) : [...RESOURCE_WORDS];
      if (n === 2 && !(positional[1] as string).includes('/'))
        return names(positional[1] as string);
      return [];
    case 'scale':
      if (n === 1)
        return last.includes('/')
          ? slashNames(['deployments', 'replicasets'])
          : ['deployment', 'replicaset'];
      if (n === 2 && !(positional[1] as string).includes('/'))
        return names(positional[1] as string);
      return ['--replicas='];
    case 'rollout':
      if (n === 1) return ['history', 'status', 'undo'];
      if (n === 2) return last.includes('/') ? slashNames(['deployments']) : ['deployment'];
      if (n === 3 && !(positional[2] as string).includes('/'))
        return names(positional[2] as string);
      return [];
    case 'top':
      if (n === 1) return ['nodes', 'pods'];
      if (n === 2) return names(positional[1] as string);
      return [];
    case 'logs':
      return n === 1 ? names('pods') : [];
    case 'apply':
    case 'create':
      return ['-f'];
    default:
      return [];
  }
}

export const kubectlEngine: TerminalEngine = {
  program: 'kubectl',
  summary:
    'kubectl — control the EKS cluster (apply -f, get, describe, scale, delete, rollout, top, logs, version, cluster-info)',
  run,
  complete(world, argv) {
    const last = argv[argv.length - 1] ?? '';
    return [...new Set(candidates(world.k8s, argv.length ? argv : ['']))]
      .filter((c) => c.startsWith(last))
      .sort();
  },
};
