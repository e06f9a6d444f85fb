/**
 * Pure: the rows `<cp-event-log>` lists for the shown state and the canvas view
 * (src/machine/cluster-view.ts). The ECS view lists ECS events (SimState.events: service events as
 * ECS words them, task and instance events); the EKS view lists the EKS cluster's Kubernetes events
 * (SimState.eks.events, as `kubectl get events` prints them: TYPE Normal/Warning, REASON, OBJECT
 * kind/name, MESSAGE, repeats aggregated as "x3"); Side by side merges both by simulated time, each
 * row labelled with its cluster. No lit, no DOM: tested in node (tests/ui/event-log-rows.test.ts).
 */
import type { SimEvent, SimEventKind, SimState } from '../sim/model.ts';
import type { K8sEvent } from '../sim/k8s/model.ts';
import type { ClusterView } from '../machine/eks-types.ts';

/** How many entries the list renders (the sims keep MAX_EVENTS / MAX_K8S_EVENTS). */
export const EVENT_LOG_LIMIT = 200;

export const ECS_EVENT_KINDS: readonly SimEventKind[] = [
  'service',
  'task',
  'instance',
  'deployment',
  'scaling',
  'cluster',
];

/** Which cluster an event belongs to. */
export type EventCluster = 'ECS' | 'EKS';

/** One line of the event log. */
export interface EventRow {
  /** Unique within the list: the ECS event id, or "eks-" + the Kubernetes event id. */
  readonly key: string;
  readonly cluster: EventCluster;
  /** Simulated ms on the ECS clock (an EKS event: its lastTimestamp, as LAST SEEN). */
  readonly at: number;
  /** ECS: the event kind (service, task…). EKS: the event type (Normal, Warning). */
  readonly kind: string;
  /** EKS only: the reason (Scheduled, Pulled, BackOff…). */
  readonly reason?: string;
  /** EKS only: the involved object as kubectl prints it, e.g. "pod/web-5df6f7687b-4fbjm". */
  readonly object?: string;
  readonly message: string;
  /** EKS only: how many times the API server aggregated it (kubectl describe's "x3"). */
  readonly count: number;
  readonly important: boolean;
}

/** A filter choice: '' all; ECS kinds as "ecs:<kind>"; "cluster:ECS" / "cluster:EKS"; "eks:<type>". */
export interface EventFilterOption {
  readonly value: string;
  readonly label: string;
}

/** Pure: whether an ECS event is shown as important (failures and capacity loss) in the list. */
export function isImportantEvent(event: SimEvent): boolean {
  return /unable|unavailable|fail|stopped|terminat|drain|outage|unhealthy|exited/i.test(
    event.message,
  );
}

/**
 * What the event log shows: the canvas view, except that without an EKS cluster there are only
 * ECS events to show (the canvas then shows ECS whatever the view; cluster-view.ts).
 */
export function eventLogView(view: ClusterView, sim: { readonly eks?: unknown }): ClusterView {
  return sim.eks === undefined ? 'ECS' : view;
}

/** The filter choices offered in `view` (the select's options; the first is "everything"). */
export function eventFilterOptions(view: ClusterView): readonly EventFilterOption[] {
  const ecsKinds = ECS_EVENT_KINDS.map((k) => ({
    value: `ecs:${k}`,
    label: view === 'SIDE_BY_SIDE' ? `ECS: ${k}` : k,
  }));
  const eksTypes = (['Normal', 'Warning'] as const).map((t) => ({
    value: `eks:${t}`,
    label: view === 'SIDE_BY_SIDE' ? `EKS: ${t}` : t,
  }));
  switch (view) {
    case 'ECS':
      return [{ value: '', label: 'All kinds' }, ...ecsKinds];
    case 'EKS':
      return [{ value: '', label: 'All types' }, ...eksTypes];
    case 'SIDE_BY_SIDE':
      return [
        { value: '', label: 'ECS and EKS' },
        { value: 'cluster:ECS', label: 'ECS only' },
        { value: 'cluster:EKS', label: 'EKS only' },
        ...ecsKinds,
        ...eksTypes,
      ];
  }
}

/** Pure: the filter to apply in `view` — `filter` if `view` offers it, else everything. */
export function effectiveFilter(view: ClusterView, filter: string): string {
  return eventFilterOptions(view).some((o) => o.value === filter) ? filter : '';
}

/** An ECS event as a row. */
function ecsRow(e: SimEvent): EventRow {
  return {
    key: String(e.id),
    cluster: 'ECS',
    at: e.at,
    kind: e.kind,
    message: e.message,
    count: 1,
    important: isImportantEvent(e),
  };
}

/** A Kubernetes event as a row; `offset` is eksClockOffset. */
function eksRow(e: K8sEvent, offset: number): EventRow {
  return {
    key: `eks-${e.id}`,
    cluster: 'EKS',
    at: e.lastTimestamp + offset,
    kind: e.type,
    reason: e.reason,
    // kubectl get events' OBJECT column: lower-case kind / name [kubectl get events].
    object: `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
    message: e.message,
    count: e.count,
    important: e.type === 'Warning',
  };
}

/** Newest first, at most `limit` ECS events passing `keep` (the list is already time-ordered). */
function newestEcs(
  events: readonly SimEvent[],
  keep: (e: SimEvent) => boolean,
  limit: number,
): EventRow[] {
  const out: EventRow[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
    const e = events[i];
    if (e !== undefined && keep(e)) out.push(ecsRow(e));
  }
  return out;
}

/**
 * Newest first by last seen (an aggregated repeat moves up, as LAST SEEN says), ties by id, at
 * most `limit`, passing `keep`.
 */
function newestEks(
  events: readonly K8sEvent[],
  offset: number,
  keep: (e: K8sEvent) => boolean,
  limit: number,
): EventRow[] {
  const kept = events.filter(keep);
  kept.sort((a, b) => b.lastTimestamp - a.lastTimestamp || b.id - a.id);
  return kept.slice(0, limit).map((e) => eksRow(e, offset));
}

/** Merges two newest-first lists by time (ties: the first list's row first), at most `limit`. */
function merge(a: readonly EventRow[], b: readonly EventRow[], limit: number): EventRow[] {
  const out: EventRow[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < a.length || j < b.length)) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.at >= y.at)) {
      out.push(x as EventRow);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** The state slice the rows are computed from (what `<cp-event-log>` selects from a snapshot). */
export interface EventLogSource {
  /** SimState.events. */
  readonly events: readonly SimEvent[];
  /** SimState.eks.events, when there is an EKS cluster. */
  readonly eks?: readonly K8sEvent[];
  /** eksClockOffset(sim). */
  readonly eksOffset: number;
}

/**
 * The EKS cluster's clock starts at 0 when it is created and moves with the ECS clock
 * (src/sim/eks.ts: one clock), so `sim.now - eks.now` puts its timestamps on the ECS clock the
 * ECS rows use.
 */
export function eksClockOffset(sim: Pick<SimState, 'now' | 'eks'>): number {
  return sim.eks === undefined ? 0 : sim.now - sim.eks.now;
}

/** The EventLogSource of a state. */
export function eventLogSource(sim: SimState): EventLogSource {
  return {
    events: sim.events,
    ...(sim.eks === undefined ? {} : { eks: sim.eks.events }),
    eksOffset: eksClockOffset(sim),
  };
}

/**
 * Pure: the rows of the event log, newest first, for `view` and `filter` (a value of
 * eventFilterOptions(view); anything else means everything), at most `limit`.
 */
export function eventLogRows(
  sim: EventLogSource,
  view: ClusterView,
  filter: string,
  limit = EVENT_LOG_LIMIT,
): EventRow[] {
  const shown = eventLogView(view, sim);
  const f = effectiveFilter(shown, filter);
  const eks = shown === 'ECS' ? undefined : sim.eks;
  const wantEcs = shown !== 'EKS' && f !== 'cluster:EKS' && !f.startsWith('eks:');
  const wantEks = eks !== undefined && f !== 'cluster:ECS' && !f.startsWith('ecs:');
  const ecsKind = f.startsWith('ecs:') ? f.slice(4) : undefined;
  const eksType = f.startsWith('eks:') ? f.slice(4) : undefined;
  const ecs = wantEcs
    ? newestEcs(sim.events, (e) => ecsKind === undefined || e.kind === ecsKind, limit)
    : [];
  const k8s =
    wantEks && eks !== undefined
      ? newestEks(eks, sim.eksOffset, (e) => eksType === undefined || e.type === eksType, limit)
      : [];
  if (k8s.length === 0) return ecs;
  if (ecs.length === 0) return k8s;
  return merge(ecs, k8s, limit);
}
