/**
 * What the playground says to screen readers, and how often (issue 9). Pure, no DOM: `<cp-announcer>`
 * feeds it the cluster's events and tasks and shows what it returns in two live regions.
 *
 * - Assertive (interrupts): failures the learner must hear now — a deployment that failed or rolls
 *   back (the circuit breaker), a service unable to place tasks, an Availability Zone outage.
 * - Polite (waits for a pause): tasks stopped (with the stopped reason), a service reaching a steady
 *   state, a deployment completed, scaling activities, instances draining or terminating, an AZ back.
 * - Polite too: Kubernetes Warning events of the EKS cluster (BackOff, Failed, FailedScheduling,
 *   Unhealthy…), each new one and each repeat the cluster aggregates into it (`count`, as
 *   `kubectl get events` shows "x3"); Normal events are the routine chatter of Kubernetes.
 * - Not announced: routine chatter ("has started 2 tasks", instance registered) — the log shows it.
 *
 * Throttled: at most one polite announcement per `politeMs` and one assertive per `assertiveMs` of
 * wall time; whatever arrives in between is summed up in the next one ("12 tasks stopped. …"), so a
 * run at 64× speed cannot flood a screen reader. (WAI-ARIA live regions: polite for status,
 * assertive only for time-critical information.)
 */
import type { SimEvent, Task } from '../sim/index.ts';
import type { K8sEvent } from '../sim/k8s/model.ts';

export type Politeness = 'polite' | 'assertive';

/** The kinds of announcement; each sums up as "N <plural>" when several wait in one window. */
export type AnnouncementKind =
  | 'deployment-failed'
  | 'rollback'
  | 'unable-to-place'
  | 'az-outage'
  | 'task-stopped'
  | 'steady-state'
  | 'deployment-completed'
  | 'scaling'
  | 'instance'
  | 'az-restored'
  | 'k8s-warning';

export interface Announcement {
  readonly kind: AnnouncementKind;
  readonly politeness: Politeness;
  readonly text: string;
}

/** Several of a kind in one window: "<n> <plural>". */
const PLURAL: Record<AnnouncementKind, string> = {
  'deployment-failed': 'deployments failed',
  rollback: 'deployments rolling back',
  'unable-to-place': 'placement failures',
  'az-outage': 'Availability Zone outages',
  'task-stopped': 'tasks stopped',
  'steady-state': 'services reached a steady state',
  'deployment-completed': 'deployments completed',
  scaling: 'scaling activities',
  instance: 'instance changes',
  'az-restored': 'Availability Zones available again',
  'k8s-warning': 'Kubernetes warnings',
};

const RULES: readonly [RegExp, AnnouncementKind, Politeness][] = [
  [/deployment failed/, 'deployment-failed', 'assertive'],
  [/rolling back to deployment/, 'rollback', 'assertive'],
  [/was unable to place a task/, 'unable-to-place', 'assertive'],
  [/^Availability Zone .* is unavailable/, 'az-outage', 'assertive'],
  [/has reached a steady state/, 'steady-state', 'polite'],
  [/deployment completed/, 'deployment-completed', 'polite'],
  [/has stopped \d+ running tasks/, 'task-stopped', 'polite'],
  [/^Availability Zone .* is available again/, 'az-restored', 'polite'],
  [/is DRAINING|^Terminating EC2 instance/, 'instance', 'polite'],
];

/** The announcement an event deserves, or undefined for routine chatter. */
export function classifyEvent(event: SimEvent): Announcement | undefined {
  if (event.kind === 'scaling')
    return { kind: 'scaling', politeness: 'polite', text: event.message };
  for (const [re, kind, politeness] of RULES)
    if (re.test(event.message)) return { kind, politeness, text: event.message };
  return undefined;
}

/** A task that reached STOPPED: "Task <id> stopped: <reason>." */
export function taskStopped(task: Task): Announcement {
  const reason = task.stoppedReason ?? task.stopCode ?? 'stopped';
  return {
    kind: 'task-stopped',
    politeness: 'polite',
    text: `Task ${task.id}${task.serviceName ? ` of service ${task.serviceName}` : ''} stopped: ${reason}.`,
  };
}

/** A Kubernetes Warning event: "Warning BackOff pod/web-1: Back-off restarting failed container". */
export function k8sWarning(event: K8sEvent): Announcement {
  const o = event.involvedObject;
  return {
    kind: 'k8s-warning',
    politeness: 'polite',
    text: `Warning ${event.reason} ${o.kind.toLowerCase()}/${o.name}: ${event.message}`,
  };
}

/** One message for everything waiting: a single one as is, else counts per kind in arrival order. */
export function summarize(items: readonly Announcement[]): string {
  if (items.length === 1) return items[0]?.text ?? '';
  const counts = new Map<AnnouncementKind, Announcement[]>();
  for (const a of items) {
    const list = counts.get(a.kind);
    if (list) list.push(a);
    else counts.set(a.kind, [a]);
  }
  return [...counts.values()]
    .map((list) =>
      list.length === 1 ? (list[0]?.text ?? '') : `${list.length} ${PLURAL[list[0]!.kind]}.`,
    )
    .join(' ');
}

export interface AnnouncerOptions {
  /** Minimum wall time between two polite announcements (ms). */
  readonly politeMs?: number;
  /** Minimum wall time between two assertive announcements (ms). */
  readonly assertiveMs?: number;
}

/** Maximum events/tasks remembered as already announced (bounded over a long session). */
const SEEN_LIMIT = 5000;

/**
 * Watches successive snapshots (events + tasks) and decides what to say and when. It only remembers
 * what it has announced (ids), never cluster state: the snapshot is the source of truth.
 */
export class Announcer {
  /** Throttle windows (ms); may be changed between flushes. */
  politeMs: number;
  assertiveMs: number;
  private readonly pending: Record<Politeness, Announcement[]> = { polite: [], assertive: [] };
  private readonly lastAt: Record<Politeness, number> = {
    polite: -Infinity,
    assertive: -Infinity,
  };
  private lastEventId: number | undefined;
  private stoppedSeen = new Set<string>();
  private lastTasks: Readonly<Record<string, Task>> | undefined;
  private lastK8sEvents: readonly K8sEvent[] | undefined;
  /** Kubernetes Warning events seen: id → count (an aggregated repeat raises the count). */
  private k8sSeen = new Map<number, number>();

  constructor(options: AnnouncerOptions = {}) {
    this.politeMs = options.politeMs ?? 5000;
    this.assertiveMs = options.assertiveMs ?? 2000;
  }

  /**
   * Takes in a snapshot. The first one (and one after RESET/LOAD, when event ids go back) only sets
   * the baseline: history is not announced.
   */
  observe(events: readonly SimEvent[], tasks: Readonly<Record<string, Task>>): void {
    const newest = events[events.length - 1]?.id ?? -1;
    const baseline = this.lastEventId === undefined || newest < this.lastEventId;
    if (baseline) {
      this.pending.polite = [];
      this.pending.assertive = [];
      this.stoppedSeen = new Set();
    } else {
      let first = events.length;
      while (first > 0 && (events[first - 1]?.id ?? -1) > (this.lastEventId ?? -1)) first--;
      for (const e of events.slice(first)) {
        // Service "has stopped N tasks" duplicates the per-task announcements below.
        const a = classifyEvent(e);
        if (a && a.kind !== 'task-stopped') this.pending[a.politeness].push(a);
      }
    }
    this.lastEventId = newest;
    if (tasks !== this.lastTasks) {
      const fresh: Announcement[] = [];
      for (const t of Object.values(tasks)) {
        if (t.lastStatus !== 'STOPPED' || this.stoppedSeen.has(t.id)) continue;
        this.stoppedSeen.add(t.id);
        if (!baseline) fresh.push(taskStopped(t));
      }
      this.pending.polite.push(...fresh);
      if (this.stoppedSeen.size > SEEN_LIMIT) {
        // Forget ids of tasks the simulation no longer keeps.
        for (const id of this.stoppedSeen) if (!(id in tasks)) this.stoppedSeen.delete(id);
      }
      this.lastTasks = tasks;
    }
  }

  /**
   * Takes in the EKS cluster's events (undefined without an EKS cluster). The first list after
   * none (and one from a new cluster, when ids go back) only sets the baseline: history is not
   * announced.
   */
  observeK8s(events: readonly K8sEvent[] | undefined): void {
    if (events === this.lastK8sEvents) return;
    const newest = events?.at(-1)?.id ?? -1;
    const baseline =
      this.lastK8sEvents === undefined || newest < (this.lastK8sEvents.at(-1)?.id ?? -1);
    if (baseline) this.k8sSeen = new Map();
    for (const e of events ?? []) {
      if (e.type !== 'Warning' || this.k8sSeen.get(e.id) === e.count) continue;
      this.k8sSeen.set(e.id, e.count);
      if (!baseline) this.pending.polite.push(k8sWarning(e));
    }
    if (this.k8sSeen.size > SEEN_LIMIT && events) {
      // Forget events the simulation no longer keeps.
      const kept = new Set(events.map((e) => e.id));
      for (const id of this.k8sSeen.keys()) if (!kept.has(id)) this.k8sSeen.delete(id);
    }
    // No EKS cluster leaves no list, so the next cluster's first list (a save or scenario loaded
    // with its history, or one just created) is a baseline too.
    this.lastK8sEvents = events;
  }

  /** What to say now (per region), if its throttle window has passed and something waits. */
  flush(now: number): Partial<Record<Politeness, string>> {
    const out: Partial<Record<Politeness, string>> = {};
    for (const p of ['assertive', 'polite'] as const) {
      const items = this.pending[p];
      if (items.length === 0 || now - this.lastAt[p] < this.windowOf(p)) continue;
      out[p] = summarize(items);
      this.pending[p] = [];
      this.lastAt[p] = now;
    }
    return out;
  }

  /** Milliseconds until something waiting may be said (undefined when nothing waits). */
  dueIn(now: number): number | undefined {
    let due: number | undefined;
    for (const p of ['assertive', 'polite'] as const) {
      if (this.pending[p].length === 0) continue;
      const wait = Math.max(0, this.lastAt[p] + this.windowOf(p) - now);
      due = due === undefined ? wait : Math.min(due, wait);
    }
    return due;
  }

  private windowOf(p: Politeness): number {
    return p === 'polite' ? this.politeMs : this.assertiveMs;
  }
}
