/**
 * A pure kubectl: `runKubectl(state, line, files, parse)` → new state, printed output and exit code.
 * Supports apply -f, get, describe, scale, delete, rollout status|history|undo, top and logs, with
 * kubectl's own error wording. Manifest parsing is injected (src/formats/manifest.ts provides it;
 * src/formats/k8s-kubectl.ts binds it) because the core may not import the formats layer.
 */
import type { K8sState } from './model.ts';
import type { K8sKind, K8sManifest } from './objects.ts';
import { applyK8sCommand, type K8sCommand } from './commands.ts';
import { KIND_PLURAL } from './delete.ts';
import { getTable } from './kubectl-get.ts';
import type { Resource } from './kubectl-get.ts';
import { apiObjects } from './kubectl-objects.ts';
import { kubectlServices } from './kubernetes-service.ts';
import { toYaml } from './kubectl-format.ts';
import {
  describeDeployment,
  describeNode,
  describePod,
  describeService,
} from './kubectl-describe.ts';
import { rolloutCommand, topCommand, logsCommand } from './kubectl-more.ts';
import { kubectlClusterInfo, kubectlVersion } from './distro.ts';

/** What a manifest parser returns (src/formats/manifest.ts `parseManifests`). */
export type ManifestParser = (
  text: string,
  fileName: string,
) => {
  readonly objects: readonly K8sManifest[];
  readonly diagnostics: readonly {
    readonly line: number;
    readonly column: number;
    readonly message: string;
    readonly severity: 'error' | 'warning';
  }[];
};

export interface KubectlResult {
  readonly state: K8sState;
  readonly output: string;
  readonly exitCode: number;
  /**
   * The API calls that changed the cluster, in order: replaying them with `applyK8sCommand` on the
   * same state gives the same cluster (the command log keeps them so a typed line can be undone).
   */
  readonly commands?: readonly K8sCommand[];
}

const ALIASES: Readonly<Record<string, Resource>> = {
  po: 'pods',
  pod: 'pods',
  pods: 'pods',
  deploy: 'deployments',
  deployment: 'deployments',
  deployments: 'deployments',
  'deployment.apps': 'deployments',
  rs: 'replicasets',
  replicaset: 'replicasets',
  replicasets: 'replicasets',
  svc: 'services',
  service: 'services',
  services: 'services',
  no: 'nodes',
  node: 'nodes',
  nodes: 'nodes',
  hpa: 'hpa',
  horizontalpodautoscaler: 'hpa',
  horizontalpodautoscalers: 'hpa',
  ns: 'namespaces',
  namespace: 'namespaces',
  namespaces: 'namespaces',
  ev: 'events',
  event: 'events',
  events: 'events',
};

const RESOURCE_KIND: Partial<Record<Resource, K8sKind>> = {
  pods: 'Pod',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  services: 'Service',
  hpa: 'HorizontalPodAutoscaler',
  namespaces: 'Namespace',
};

/** Pure: resolves a resource word ("deploy", "po") or undefined. */
export function resolveResource(word: string): Resource | undefined {
  return ALIASES[word.toLowerCase()];
}

export interface ParsedLine {
  readonly args: string[];
  readonly flags: Map<string, string>;
}

/** Pure: splits a command line into positional args and flags (-n x, --namespace=x, -A, -o wide…). */
export function parseLine(line: string): ParsedLine {
  const tokens =
    line.match(/"[^"]*"|'[^']*'|\S+/g)?.map((t) => t.replace(/^["']|["']$/g, '')) ?? [];
  return parseArgs(tokens);
}

/** Pure: like parseLine, for words already split (the terminal's tokenizer removed the quotes). */
export function parseArgs(words: readonly string[]): ParsedLine {
  const tokens = [...words];
  if (tokens[0] === 'kubectl') tokens.shift();
  const args: string[] = [];
  const flags = new Map<string, string>();
  const short: Record<string, string> = {
    n: 'namespace',
    o: 'output',
    f: 'filename',
    c: 'container',
    A: 'all-namespaces',
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t.startsWith('--')) {
      const [k, v] = t.slice(2).split('=', 2) as [string, string | undefined];
      const boolean = ['all-namespaces', 'watch', 'previous'].includes(k);
      flags.set(k, v ?? (boolean ? 'true' : (tokens[++i] ?? '')));
    } else if (t.startsWith('-') && t.length > 1) {
      const k = short[t[1] as string] ?? t.slice(1);
      if (k === 'all-namespaces') flags.set(k, 'true');
      else flags.set(k, t.length > 2 ? t.slice(2).replace(/^=/, '') : (tokens[++i] ?? ''));
    } else args.push(t);
  }
  return { args, flags };
}

const ok = (state: K8sState, output: string): KubectlResult => ({ state, output, exitCode: 0 });
const fail = (state: K8sState, output: string): KubectlResult => ({ state, output, exitCode: 1 });
/** Success that changed the cluster through `command`. */
export const changed = (state: K8sState, output: string, command: K8sCommand): KubectlResult => ({
  state,
  output,
  exitCode: 0,
  commands: [command],
});

/** Pure: runs one kubectl command line against the state. */
export function runKubectl(
  state: K8sState,
  line: string | readonly string[],
  files: Readonly<Record<string, string>> = {},
  parse?: ManifestParser,
): KubectlResult {
  const { args, flags } = typeof line === 'string' ? parseLine(line) : parseArgs(line);
  const verb = args.shift();
  const ns = flags.get('namespace') || 'default';
  const allNs = flags.get('all-namespaces') === 'true';
  switch (verb) {
    case undefined:
      return fail(state, 'kubectl controls the Kubernetes cluster manager.');
    case 'apply':
    case 'create':
      return apply(state, flags.get('filename'), files, parse, ns);
    case 'get':
      return get(state, args, flags, allNs ? undefined : ns);
    case 'describe':
      return describe(state, args, ns);
    case 'scale': {
      const target = splitTarget(args);
      const replicas = Number(flags.get('replicas'));
      if (!target)
        return fail(state, 'error: resource(s) were provided, but no name was specified');
      if (!flags.has('replicas') || !Number.isInteger(replicas) || replicas < 0)
        return fail(
          state,
          'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
        );
      if (target.resource !== 'deployments' && target.resource !== 'replicasets')
        return fail(state, `error: cannot scale ${target.word}`);
      const cmd: K8sCommand = {
        type: 'SCALE',
        name: target.name,
        namespace: ns,
        replicas,
        kind: target.resource === 'replicasets' ? 'ReplicaSet' : 'Deployment',
      };
      const r = applyK8sCommand(state, cmd);
      return r.error ? fail(state, r.error) : changed(r.state, (r.output ?? []).join('\n'), cmd);
    }
    case 'delete': {
      if (flags.has('filename'))
        return deleteFile(state, flags.get('filename') as string, files, parse, ns);
      const target = splitTarget(args);
      if (!target)
        return fail(
          state,
          args.length
            ? `error: the server doesn't have a resource type "${args[0]}"`
            : 'error: You must provide one or more resources by argument or filename.',
        );
      const kind = RESOURCE_KIND[target.resource];
      if (!kind) return fail(state, `error: deleting ${target.resource} is not simulated`);
      const cmd: K8sCommand = { type: 'DELETE', kind, name: target.name, namespace: ns };
      const r = applyK8sCommand(state, cmd);
      return r.error ? fail(state, r.error) : changed(r.state, (r.output ?? []).join('\n'), cmd);
    }
    case 'rollout':
      return rolloutCommand(state, args, flags, ns);
    case 'top':
      return topCommand(state, args, allNs ? undefined : ns);
    case 'logs':
      return logsCommand(state, args, flags, ns);
    case 'version':
      return { state, ...kubectlVersion(state) };
    case 'cluster-info':
      return { state, ...kubectlClusterInfo(state) };
    default:
      return fail(state, `error: unknown command "${verb}" for "kubectl"`);
  }
}

/** Pure: "deploy/web" or "deploy web" → resource + name (undefined name when absent). */
export function splitTarget(
  args: readonly string[],
): { resource: Resource; name: string; word: string } | undefined {
  const first = args[0];
  if (!first) return undefined;
  const [word, inline] = first.includes('/')
    ? (first.split('/', 2) as [string, string])
    : [first, args[1]];
  const resource = resolveResource(word);
  if (!resource || !inline) return undefined;
  return { resource, name: inline, word };
}

function notFound(state: K8sState, resource: Resource, name: string): KubectlResult {
  const plural = RESOURCE_KIND[resource]
    ? KIND_PLURAL[RESOURCE_KIND[resource] as K8sKind]
    : resource;
  return fail(state, `Error from server (NotFound): ${plural} "${name}" not found`);
}

function get(
  state: K8sState,
  args: string[],
  flags: Map<string, string>,
  namespace: string | undefined,
): KubectlResult {
  const first = args[0];
  if (!first) return fail(state, 'You must specify the type of resource to get.');
  const [word, inlineName] = first.includes('/')
    ? (first.split('/', 2) as [string, string])
    : [first, args[1]];
  if (word.includes(',') || word.toLowerCase() === 'all') {
    return getSeveral(state, word, inlineName, flags.get('output') ?? '', namespace);
  }
  const resource = resolveResource(word);
  if (!resource) return fail(state, `error: the server doesn't have a resource type "${word}"`);
  const output = flags.get('output') ?? '';
  if (output === 'yaml' || output === 'json') {
    const items = apiObjects(state, resource, namespace, inlineName);
    if (inlineName && items.length === 0) return notFound(state, resource, inlineName);
    const doc = inlineName
      ? items[0]
      : { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
    return printed(state, doc, output);
  }
  if (output && output !== 'wide') return noPrinter(state, output);
  const t = getTable(state, resource, {
    namespace,
    wide: output === 'wide',
    ...(inlineName ? { name: inlineName } : {}),
  });
  if (t.empty && inlineName) return notFound(state, resource, inlineName);
  return ok(state, t.output);
}

/** `-o json` (4-space indent, as kubectl) or `-o yaml` of an API object or a List. */
function printed(state: K8sState, doc: unknown, output: 'json' | 'yaml'): KubectlResult {
  return ok(
    state,
    output === 'json' ? JSON.stringify(doc, null, 4) : toYaml(doc).replace(/^\n/, ''),
  );
}

/** kubectl's answer to an `-o` format it has no printer for. */
function noPrinter(state: K8sState, output: string): KubectlResult {
  return fail(
    state,
    `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,wide,yaml`,
  );
}

/**
 * `kubectl get all` and `kubectl get deploy,svc,hpa`: one table per type, blank-line separated,
 * each NAME prefixed with its kind (`deployment.apps/web`), types with nothing to show left out;
 * nothing at all → "No resources found…". `all` is the kinds of kubectl's "all" category that are
 * simulated, in the order kubectl prints them (pods, services, deployments, replicasets, HPAs).
 */
function getSeveral(
  state: K8sState,
  word: string,
  name: string | undefined,
  output: string,
  namespace: string | undefined,
): KubectlResult {
  const words = word
    .split(',')
    .filter((w) => w !== '')
    .flatMap((w): readonly string[] => (w.toLowerCase() === 'all' ? ALL_CATEGORY : [w]));
  const resources: Resource[] = [];
  for (const w of words) {
    const r = resolveResource(w);
    if (!r) return fail(state, `error: the server doesn't have a resource type "${w}"`);
    if (!resources.includes(r)) resources.push(r);
  }
  if (output === 'yaml' || output === 'json') {
    const items = resources.flatMap((r) => apiObjects(state, r, namespace, name));
    const doc = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
    return printed(state, doc, output);
  }
  if (output && output !== 'wide') return noPrinter(state, output);
  const tables = resources
    .map((r) =>
      getTable(state, r, {
        namespace,
        wide: output === 'wide',
        ...(name ? { name } : {}),
        namePrefix: `${KIND_PREFIX[r]}/`,
      }),
    )
    .filter((t) => !t.empty)
    .map((t) => t.output);
  if (tables.length > 0) return ok(state, tables.join('\n\n'));
  return ok(
    state,
    namespace === undefined
      ? 'No resources found'
      : `No resources found in ${namespace} namespace.`,
  );
}

/** The simulated kinds of kubectl's "all" category, in the order `kubectl get all` prints them. */
const ALL_CATEGORY: readonly Resource[] = ['pods', 'services', 'deployments', 'replicasets', 'hpa'];

/** The `kind.group/` prefix kubectl puts on NAME when one `get` lists several types. */
const KIND_PREFIX: Readonly<Record<Resource, string>> = {
  pods: 'pod',
  services: 'service',
  deployments: 'deployment.apps',
  replicasets: 'replicaset.apps',
  hpa: 'horizontalpodautoscaler.autoscaling',
  nodes: 'node',
  namespaces: 'namespace',
  events: 'event',
};

function describe(state: K8sState, args: string[], ns: string): KubectlResult {
  const target = splitTarget(args);
  if (!target) {
    const r = args[0] ? resolveResource(args[0].split('/')[0] as string) : undefined;
    return fail(
      state,
      args[0] && !r
        ? `error: the server doesn't have a resource type "${args[0]}"`
        : 'error: You must specify the type of resource to describe.',
    );
  }
  const key = `${ns}/${target.name}`;
  if (target.resource === 'pods') {
    const pod = state.pods[key];
    return pod ? ok(state, describePod(state, pod)) : notFound(state, 'pods', target.name);
  }
  if (target.resource === 'deployments') {
    const text = describeDeployment(state, key);
    return text ? ok(state, text) : notFound(state, 'deployments', target.name);
  }
  if (target.resource === 'nodes') {
    const node = state.nodes[target.name];
    return node ? ok(state, describeNode(state, node)) : notFound(state, 'nodes', target.name);
  }
  if (target.resource === 'services') {
    const svc = kubectlServices(state).find(
      (s) => s.meta.namespace === ns && s.meta.name === target.name,
    );
    return svc ? ok(state, describeService(state, svc)) : notFound(state, 'services', target.name);
  }
  return fail(
    state,
    `error: describe ${target.resource} is not simulated (try pod, deployment, service or node)`,
  );
}

function loadFile(
  files: Readonly<Record<string, string>>,
  file: string | undefined,
  parse: ManifestParser | undefined,
):
  | { ok: true; objects: readonly K8sManifest[]; messages: string[]; failed: boolean }
  | { ok: false; error: string } {
  if (!file) return { ok: false, error: 'error: must specify one of -f and -k' };
  const text = files[file];
  if (text === undefined) return { ok: false, error: `error: the path "${file}" does not exist` };
  if (!parse) return { ok: false, error: 'error: no manifest parser available' };
  const r = parse(text, file);
  const messages = r.diagnostics.map((d) =>
    d.severity === 'error'
      ? `error: error validating "${file}" (line ${d.line}, column ${d.column}): ${d.message}`
      : `Warning: ${file}:${d.line}:${d.column}: ${d.message}`,
  );
  return {
    ok: true,
    objects: r.objects,
    messages,
    failed: r.diagnostics.some((d) => d.severity === 'error'),
  };
}

function apply(
  state: K8sState,
  file: string | undefined,
  files: Readonly<Record<string, string>>,
  parse: ManifestParser | undefined,
  ns: string,
): KubectlResult {
  const loaded = loadFile(files, file, parse);
  if (!loaded.ok) return fail(state, loaded.error);
  const objects = loaded.objects.map((o) =>
    o.kind === 'Namespace' || o.metadata.namespace
      ? o
      : { ...o, metadata: { ...o.metadata, namespace: ns } },
  ) as K8sManifest[];
  // One API call per object, as kubectl makes them: a refused object changes nothing, the others
  // apply — and each accepted call is a command the log can replay exactly.
  let s = state;
  const out: string[] = [];
  const errors: string[] = [];
  const commands: K8sCommand[] = [];
  for (const o of objects) {
    const cmd: K8sCommand = { type: 'APPLY', objects: [o] };
    const r = applyK8sCommand(s, cmd);
    if (r.error) errors.push(...r.error.split('\n'));
    else {
      s = r.state;
      out.push(...(r.output ?? []));
      commands.push(cmd);
    }
  }
  const lines = [...out, ...errors, ...loaded.messages];
  const failed = loaded.failed || errors.length > 0;
  return {
    state: s,
    output: lines.join('\n'),
    exitCode: failed ? 1 : 0,
    ...(commands.length ? { commands } : {}),
  };
}

function deleteFile(
  state: K8sState,
  file: string,
  files: Readonly<Record<string, string>>,
  parse: ManifestParser | undefined,
  ns: string,
): KubectlResult {
  const loaded = loadFile(files, file, parse);
  if (!loaded.ok) return fail(state, loaded.error);
  let s = state;
  const lines: string[] = [];
  const commands: K8sCommand[] = [];
  let code = 0;
  for (const o of loaded.objects) {
    const cmd: K8sCommand = {
      type: 'DELETE',
      kind: o.kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace ?? ns,
    };
    const r = applyK8sCommand(s, cmd);
    if (r.error) {
      lines.push(r.error);
      code = 1;
    } else {
      s = r.state;
      lines.push(...(r.output ?? []));
      commands.push(cmd);
    }
  }
  return {
    state: s,
    output: lines.join('\n'),
    exitCode: code,
    ...(commands.length ? { commands } : {}),
  };
}
