/**
 * A mutable working copy of a K8sState used *inside* one pure step or command: collections are
 * shallow-copied once, objects inside are replaced (never edited), and `commit` freezes the result
 * into a new state. The input state is never touched, so callers still see pure functions.
 */
import { RngCursor } from '../rng.ts';
import type {
  Deployment,
  Hpa,
  K8sEvent,
  K8sState,
  Meta,
  Node,
  NodeGroup,
  FargateProfile,
  Pod,
  ReplicaSet,
  Service,
} from './model.ts';
import { MAX_K8S_EVENTS } from './model.ts';

export interface Draft {
  readonly base: K8sState;
  now: number;
  readonly rng: RngCursor;
  counters: { uid: number; event: number; ip: number };
  readonly namespaces: Record<string, Meta>;
  readonly nodes: Record<string, Node>;
  readonly pods: Record<string, Pod>;
  readonly replicaSets: Record<string, ReplicaSet>;
  readonly deployments: Record<string, Deployment>;
  readonly services: Record<string, Service>;
  readonly hpas: Record<string, Hpa>;
  readonly nodeGroups: Record<string, NodeGroup>;
  readonly fargateProfiles: Record<string, FargateProfile>;
  /** The base state's list until `recordEvent` first writes (copy on write: most steps record none). */
  events: K8sEvent[];
  eventsOwned: boolean;
  changed: boolean;
  /** Everything else (settings) copied through, replaceable. */
  extra: { -readonly [K in keyof K8sState]?: K8sState[K] };
}

/** Starts a draft over `state` (copies the collections, not the objects). */
export function beginDraft(state: K8sState): Draft {
  return {
    base: state,
    now: state.now,
    rng: new RngCursor(state.rng),
    counters: { ...state.counters },
    namespaces: { ...state.namespaces },
    nodes: { ...state.nodes },
    pods: { ...state.pods },
    replicaSets: { ...state.replicaSets },
    deployments: { ...state.deployments },
    services: { ...state.services },
    hpas: { ...state.hpas },
    nodeGroups: { ...state.nodeGroups },
    fargateProfiles: { ...state.fargateProfiles },
    events: state.events as K8sEvent[],
    eventsOwned: false,
    changed: false,
    extra: {},
  };
}

/** Freezes the draft into a new state; `version` goes up only when something observable changed. */
export function commitDraft(d: Draft): K8sState {
  const events = d.events.length > MAX_K8S_EVENTS ? d.events.slice(-MAX_K8S_EVENTS) : d.events;
  return {
    ...d.base,
    ...d.extra,
    version: d.base.version + (d.changed ? 1 : 0),
    now: d.now,
    rng: d.rng.state,
    counters: d.counters,
    namespaces: d.namespaces,
    nodes: d.nodes,
    pods: d.pods,
    replicaSets: d.replicaSets,
    deployments: d.deployments,
    services: d.services,
    hpas: d.hpas,
    nodeGroups: d.nodeGroups,
    fargateProfiles: d.fargateProfiles,
    events,
  };
}

/** A new object uid (deterministic: a counter rendered as a UUID-shaped string). */
export function newUid(d: Draft): string {
  d.counters.uid += 1;
  const hex = d.counters.uid.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

/** A new private IPv4 address in the zone's VPC subnet (192.168.<32·zoneIndex + n>.<m>). */
export function newIp(d: Draft, zone: string): string {
  d.counters.ip += 1;
  const zi = Math.max(0, d.base.zones.indexOf(zone));
  const n = d.counters.ip;
  return `192.168.${32 * zi + (Math.floor(n / 250) % 32)}.${(n % 250) + 4}`;
}

/** The alphabet Kubernetes uses for generated names (no vowels, no confusable digits) [K8S-SRC util/rand]. */
export const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** A generateName suffix of `n` safe characters, e.g. pod "web-5df6f7687b-4fbjm". */
export function randomSuffix(d: Draft, n = 5): string {
  let out = '';
  for (let i = 0; i < n; i++) out += SAFE_ALPHANUMS[d.rng.int(0, SAFE_ALPHANUMS.length - 1)];
  return out;
}

/**
 * Records an event as `kubectl describe` lists it. A repeat of the same reason and message for the
 * same object within the recent log is aggregated (count + lastTimestamp) like the API server does.
 */
export function recordEvent(
  d: Draft,
  involved: K8sEvent['involvedObject'],
  type: K8sEvent['type'],
  reason: string,
  message: string,
  source: string,
): void {
  d.changed = true;
  if (!d.eventsOwned) {
    d.events = d.events.slice();
    d.eventsOwned = true;
  }
  const from = Math.max(0, d.events.length - 64);
  for (let i = d.events.length - 1; i >= from; i--) {
    const e = d.events[i] as K8sEvent;
    const o = e.involvedObject;
    if (
      o.kind === involved.kind &&
      o.name === involved.name &&
      o.namespace === involved.namespace
    ) {
      if (e.reason === reason && e.message === message) {
        d.events[i] = { ...e, count: e.count + 1, lastTimestamp: d.now };
        return;
      }
    }
  }
  d.counters.event += 1;
  d.events.push({
    id: d.counters.event,
    type,
    reason,
    message,
    source,
    involvedObject: involved,
    firstTimestamp: d.now,
    lastTimestamp: d.now,
    count: 1,
  });
}

/** The involvedObject reference for a namespaced object. */
export function ref(kind: string, meta: Meta): K8sEvent['involvedObject'] {
  return { kind, namespace: meta.namespace, name: meta.name };
}
