/**
 * A copy-on-write working copy of a SimState, used inside ONE pure operation (a command or a step).
 * Collections are copied the first time they are written, so the input state is never mutated and
 * untouched collections are shared with it (cheap steps at 10,000 tasks). `finish()` returns the new
 * state, with `version` bumped only if something observable changed.
 */
import { DUPLICATE_EVENT_WINDOW_MS } from './durations.ts';
import type {
  ContainerInstance,
  Service,
  SimEvent,
  SimEventKind,
  SimState,
  Task,
  TaskDefinition,
} from './model.ts';
import { MAX_EVENTS } from './model.ts';
import type { ImageRegistryState } from './image-registry-types.ts';
import { Agenda, taskWorkAt } from './agenda.ts';
import { RngCursor } from './rng.ts';
import type { TrafficState } from './traffic/state.ts';
import type { CostMeter } from './cost/meter.ts';
import type { PatchingState } from './patching.ts';
import { TaskTable, defineTasks, taskTableOf, type TaskLookup } from './task-table.ts';

/** True while a task occupies its slot: not STOPPED and not asked to stop (what placement counts). */
export function isLive(task: Task): boolean {
  return task.lastStatus !== 'STOPPED' && task.desiredStatus !== 'STOPPED';
}

/** Source of ClusterIndex.serviceVersion numbers: unique across all indexes (never observable). */
let serviceWriteSeq = 0;

/**
 * The last serviceVersion number handed out: while it stays the same, no index anywhere has added,
 * written or removed a task, so every serviceVersion read since is still current (a cheap check
 * before the lookups; never observable).
 */
export function taskWriteSeq(): number {
  return serviceWriteSeq;
}

/** A service's task order: by createdAt, then id (fields a task never changes). */
function serviceOrderOf(a: Task, b: Task): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Where `t` is, or would go, in a list sorted by serviceOrderOf (binary search). */
function positionIn(list: readonly Task[], t: Task): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (serviceOrderOf(list[mid] as Task, t) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts of live tasks per task group, per instance and per AZ (spread strategies, A4.1). */
export class ClusterIndex {
  /**
   * Per service name ('' for tasks without one): a number that changes whenever one of its tasks
   * is added, written or deleted. Caches keyed by it (traffic/, cost-step.ts) skip unchanged services.
   */
  readonly serviceVersion = new Map<string, number>();
  readonly byInstance = new Map<string, Map<string, number>>();
  readonly byAz = new Map<string, Map<string, number>>();
  /** Live task ids per instance. */
  readonly liveOnInstance = new Map<string, Set<string>>();
  /** Non-STOPPED task ids per service (includes tasks on their way down). */
  readonly ofService = new Map<string, Set<string>>();
  /**
   * Per service: its non-STOPPED tasks by (createdAt, id), built on first ask and from then on kept in
   * step by add/remove/replace (a binary search by (createdAt, id), fields a task never changes).
   * Once handed out (`out`) a list is copied before its next change, so a reader's array never moves.
   */
  private readonly lists = new Map<string, { tasks: Task[]; out: boolean }>();
  /** Fargate tasks in each service's `ofService` set (a task's launch type never changes). */
  private readonly fargate = new Map<string, number>();

  constructor(tasks: TaskTable) {
    tasks.forEach((t) => this.add(t));
  }

  /**
   * Counts that fall to 0 are deleted (and a group left with none): the index is handed from state
   * to state for the whole session, so keeping them would grow it with every instance ever used
   * (one more each time a host is replaced). Readers treat a missing count as 0.
   */
  private bump(m: Map<string, Map<string, number>>, group: string, key: string, by: number): void {
    let inner = m.get(group);
    if (!inner) m.set(group, (inner = new Map()));
    const n = (inner.get(key) ?? 0) + by;
    if (n !== 0) inner.set(key, n);
    else if (inner.delete(key) && inner.size === 0) m.delete(group);
  }

  add(t: Task): void {
    this.serviceVersion.set(t.serviceName ?? '', ++serviceWriteSeq);
    if (t.serviceName && t.lastStatus !== 'STOPPED') {
      let s = this.ofService.get(t.serviceName);
      if (!s) this.ofService.set(t.serviceName, (s = new Set()));
      if (!s.has(t.id)) {
        s.add(t.id);
        if (t.launchType === 'FARGATE')
          this.fargate.set(t.serviceName, (this.fargate.get(t.serviceName) ?? 0) + 1);
        const list = this.writableList(t.serviceName);
        if (list) list.splice(positionIn(list, t), 0, t);
      }
    }
    this.addLive(t);
  }

  remove(t: Task): void {
    this.serviceVersion.set(t.serviceName ?? '', ++serviceWriteSeq);
    if (t.serviceName && this.ofService.get(t.serviceName)?.delete(t.id)) {
      if (t.launchType === 'FARGATE') {
        const n = (this.fargate.get(t.serviceName) ?? 0) - 1;
        if (n > 0) this.fargate.set(t.serviceName, n);
        else this.fargate.delete(t.serviceName);
      }
      const list = this.writableList(t.serviceName);
      if (list) {
        const i = positionIn(list, t);
        if (list[i]?.id === t.id) list.splice(i, 1);
        else this.lists.delete(t.serviceName);
      }
    }
    this.removeLive(t);
  }

  /**
   * A task rewritten in place: like remove(old) then add(t), but a task that stays in its
   * service's set keeps its place there (its task list is patched, not re-sorted).
   */
  replace(old: Task, t: Task): void {
    const name = t.serviceName;
    if (
      name === undefined ||
      old.serviceName !== name ||
      old.lastStatus === 'STOPPED' ||
      t.lastStatus === 'STOPPED'
    ) {
      this.remove(old);
      this.add(t);
      return;
    }
    this.serviceVersion.set(name, ++serviceWriteSeq);
    const list = this.writableList(name);
    if (list) {
      const i = positionIn(list, t);
      if (list[i]?.id === t.id) list[i] = t;
      else this.lists.delete(name);
    }
    this.removeLive(old);
    this.addLive(t);
  }

  /** The service's list, ready to change (copied first if it was handed out), if it is kept. */
  private writableList(name: string): Task[] | undefined {
    const l = this.lists.get(name);
    if (l === undefined) return undefined;
    if (l.out) {
      l.tasks = l.tasks.slice();
      l.out = false;
    }
    return l.tasks;
  }

  /** The service's kept list (see `lists`), built from `tasks` on first ask. */
  private listOf(name: string, tasks: TaskLookup): { tasks: Task[]; out: boolean } {
    let l = this.lists.get(name);
    if (l === undefined) {
      const all: Task[] = [];
      for (const id of this.ofService.get(name) ?? []) all.push(tasks.get(id) as Task);
      all.sort(serviceOrderOf);
      this.lists.set(name, (l = { tasks: all, out: false }));
    }
    return l;
  }

  private addLive(t: Task): void {
    if (!isLive(t)) return;
    this.bump(this.byAz, t.group, t.availabilityZone, 1);
    if (t.containerInstanceId) {
      this.bump(this.byInstance, t.group, t.containerInstanceId, 1);
      let s = this.liveOnInstance.get(t.containerInstanceId);
      if (!s) this.liveOnInstance.set(t.containerInstanceId, (s = new Set()));
      s.add(t.id);
    }
  }

  private removeLive(t: Task): void {
    if (!isLive(t)) return;
    this.bump(this.byAz, t.group, t.availabilityZone, -1);
    if (t.containerInstanceId) {
      this.bump(this.byInstance, t.group, t.containerInstanceId, -1);
      const live = this.liveOnInstance.get(t.containerInstanceId);
      // An instance with no live task left loses its entry (same reason as bump's zero counts).
      if (live?.delete(t.id) && live.size === 0) this.liveOnInstance.delete(t.containerInstanceId);
    }
  }

  /**
   * The service's non-STOPPED tasks ordered by (createdAt, id) — a total order on fields a task
   * never changes — as `tasks` holds them (the list the index keeps
   * in step with every write, so a scheduler pass does not look its tasks up). Never mutate it.
   */
  serviceTasks(name: string, tasks: TaskLookup): readonly Task[] {
    const l = this.listOf(name, tasks);
    l.out = true;
    return l.tasks;
  }

  /** Whether any of the service's non-STOPPED tasks is a Fargate task (cost-step.ts). */
  hasFargate(name: string): boolean {
    return this.fargate.has(name);
  }

  /** Live tasks of `group` on an instance. */
  countOnInstance(group: string, instanceId: string): number {
    return this.byInstance.get(group)?.get(instanceId) ?? 0;
  }

  /** Live tasks of `group` in an AZ (EC2 and Fargate alike). */
  countInAz(group: string, az: string): number {
    return this.byAz.get(group)?.get(az) ?? 0;
  }
}

/**
 * Indexes of finished states, keyed by their (immutable) task table: a step that changes no task
 * reuses the previous step's index instead of rebuilding it (pure memoisation; never observable).
 */
const indexCache = new WeakMap<object, ClusterIndex>();

/**
 * Instance epochs of finished states, keyed by their (immutable) instances record: see
 * Draft.instanceEpoch (pure memoisation; never observable).
 */
const epochCache = new WeakMap<object, number>();
/**
 * Sorted instance ids of finished states, keyed by their (immutable) instances record: an operation
 * that adds or removes no instance reuses the previous one's (pure memoisation; never observable).
 */
const sortedIdsCache = new WeakMap<object, readonly string[]>();
/**
 * Instances a step may move on (REGISTERING or INACTIVE), sorted, with the instance epoch they were
 * listed at, keyed by the (immutable) instances record: see Draft.instancesInTransit (pure
 * memoisation; never observable).
 */
const transitCache = new WeakMap<object, { epoch: number; ids: readonly string[] }>();
/**
 * What placement keeps about the instances (placement-cache.ts), handed from a state to the next with
 * its (immutable) instances record and taken over by the first draft that reads it (its entry
 * removed, so an older state advanced again builds its own). `written` collects the ids of instances
 * written since the owner last looked (Draft.setInstance/deleteInstance). Pure memoisation.
 */
export interface InstanceCarry {
  readonly written: Set<string>;
  placement: unknown;
}
const carryCache = new WeakMap<object, InstanceCarry>();
/** Source of instance epochs: unique across all drafts, so equal epochs mean the same statuses. */
let epochSeq = 0;

/**
 * Agendas of finished states, keyed by their (immutable) task table, handed over to the next
 * draft like the index (pure memoisation; never observable).
 */
const agendaCache = new WeakMap<object, Agenda>();

/**
 * A shallow copy of a record, same keys in the same order. A for…in loop copies a dictionary-mode
 * record about twice as fast as object spread in V8 (issue 8); records here are plain objects with
 * no inherited enumerable keys. (Tasks are not copied: see task-table.ts.)
 */
function copyRecord<V>(from: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k in from) out[k] = from[k] as V;
  return out;
}

/** The fields a task's reservation changes on its instance (resources.ts applyReservation). */
const RESERVATION_FIELDS: ReadonlySet<string> = new Set([
  'remainingCpu',
  'remainingMemory',
  'usedPorts',
  'usedEnis',
]);

/** True when `b` differs from `a` in reservation fields only (same keys otherwise, same values). */
function onlyReservationChanged(a: ContainerInstance, b: ContainerInstance): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const k in y) if (x[k] !== y[k] && !RESERVATION_FIELDS.has(k)) return false;
  for (const k in x) if (!(k in y)) return false;
  return true;
}

/** Mutable working copy; see the file comment. Never let one escape the operation that made it. */
export class Draft {
  now: number;
  readonly rng: RngCursor;
  instances: Record<string, ContainerInstance>;
  /**
   * The tasks (task-table.ts): the input state's table until the first task write, then a derived
   * writable table (base shared, overlay copied). Write only through setTask/deleteTask.
   */
  tasks: TaskTable;
  services: Record<string, Service>;
  taskDefinitions: Record<string, TaskDefinition>;
  downAzs: readonly string[];
  /** The image registry (undefined when pulls are not modelled); replace with setRegistry. */
  registry: ImageRegistryState | undefined;
  /** SimState.traffic (src/sim/traffic); replaced whole by setTraffic. */
  traffic: TrafficState | undefined;
  /** SimState.cost; charged each step by cost-step.ts (not an observable change: no version bump). */
  cost: CostMeter | undefined;
  /** SimState.patching; replaced whole by setPatching. */
  patching: PatchingState | undefined;
  private events: SimEvent[] | readonly SimEvent[];
  private eventCounter: number;
  private deploymentCounter: number;
  private copied = new Set<string>();
  /** The input state's (immutable) task table. */
  private readonly baseTasks: TaskTable;
  private idx: ClusterIndex | undefined;
  /** True while `idx` is the cached index of the base task table (must not be mutated). */
  private idxShared = false;
  private sortedInstanceIds: readonly string[] | undefined;
  private transit: { epoch: number; ids: readonly string[] } | undefined;
  private agendaOwned: Agenda | undefined;
  private carry: InstanceCarry | undefined;
  private draining: { epoch: number; any: boolean } | undefined;
  /** True once anything observable changed. */
  changed = false;
  /**
   * A number that changes whenever an instance is added or removed or changes status or agent
   * connection — not when only its remaining resources change (placement). Carried from state to
   * state with the instances record, so a scheduler pass can tell that no instance it depends on
   * changed (apply-command.ts reconcileAll).
   */
  instanceEpoch: number;
  /** Number of writes so far (lets callers tell whether an operation wrote anything). */
  writes = 0;
  /** Writes of tasks and instances only (what the cost meter's rates depend on; cost-step.ts). */
  taskOrInstanceWrites = 0;
  /** Writes of instances only. */
  instanceWrites = 0;
  /**
   * Writes of instances that changed more than a placement's bookkeeping (remaining CPU/memory,
   * used ports and ENIs): what the cost meter's instance rates (cost-step.ts) and the Spot notices
   * (spot.ts) are recomputed on, so a step that only places or stops tasks does not revisit them.
   */
  instanceStateWrites = 0;

  constructor(private readonly base: SimState) {
    this.now = base.now;
    this.rng = new RngCursor(base.rng);
    this.instances = base.instances as Record<string, ContainerInstance>;
    this.instanceEpoch = epochCache.get(base.instances) ?? ++epochSeq;
    this.sortedInstanceIds = sortedIdsCache.get(base.instances);
    this.transit = transitCache.get(base.instances);
    this.carry = carryCache.get(base.instances);
    if (this.carry) carryCache.delete(base.instances);
    this.baseTasks = taskTableOf(base);
    this.tasks = this.baseTasks;
    this.services = base.services as Record<string, Service>;
    this.taskDefinitions = base.taskDefinitions as Record<string, TaskDefinition>;
    this.downAzs = base.downAvailabilityZones ?? [];
    this.registry = base.registry;
    this.traffic = base.traffic;
    this.cost = base.cost;
    this.patching = base.patching;
    this.events = base.events;
    this.eventCounter = base.counters.event;
    this.deploymentCounter = base.counters.deployment;
  }

  get cluster(): SimState['cluster'] {
    return this.base.cluster;
  }

  /** True while `tasks` is still the input state's (immutable) table: nothing wrote a task yet. */
  get tasksUnchanged(): boolean {
    return !this.copied.has('tasks');
  }

  /** Lazily built per-operation index over tasks; kept in sync by setTask/deleteTask. */
  index(): ClusterIndex {
    if (!this.idx) {
      const cached = this.copied.has('tasks') ? undefined : indexCache.get(this.tasks);
      this.idx = cached ?? new ClusterIndex(this.tasks);
      this.idxShared = cached !== undefined;
    }
    return this.idx;
  }

  /**
   * Container instance ids in sorted order (cached until an instance is added or removed, and handed
   * on to the next state's drafts). Never mutate the array.
   */
  instanceIds(): readonly string[] {
    if (!this.sortedInstanceIds) this.sortedInstanceIds = Object.keys(this.instances).sort();
    return this.sortedInstanceIds;
  }

  /**
   * Sorted ids of the instances that are REGISTERING or INACTIVE (what a step may move on), as of
   * now: listed again only when the instance epoch moved (an instance came, went or changed status),
   * so a step of a settled 1,000-instance cluster does not visit every instance. Never mutate it.
   */
  instancesInTransit(): readonly string[] {
    if (this.transit?.epoch !== this.instanceEpoch) {
      const ids = this.instanceIds().filter((id) => {
        const status = this.instances[id]?.status;
        return status === 'REGISTERING' || status === 'INACTIVE';
      });
      this.transit = { epoch: this.instanceEpoch, ids };
    }
    return this.transit.ids;
  }

  /** Whether any instance is DRAINING now (looked for again only when the instance epoch moved). */
  anyDraining(): boolean {
    if (this.draining?.epoch !== this.instanceEpoch) {
      let any = false;
      for (const id in this.instances)
        if (this.instances[id]?.status === 'DRAINING') {
          any = true;
          break;
        }
      this.draining = { epoch: this.instanceEpoch, any };
    }
    return this.draining.any;
  }

  /** The placement memo carried with the instances (see InstanceCarry); made on first ask. */
  instanceCarry(): InstanceCarry {
    return (this.carry ??= { written: new Set(), placement: undefined });
  }

  private own<K extends 'instances' | 'services' | 'taskDefinitions'>(key: K): void {
    if (!this.copied.has(key)) {
      this.copied.add(key);
      this[key] = copyRecord<unknown>(this[key]) as this[K];
    }
    this.changed = true;
    this.writes += 1;
  }

  /** Before a task write: a writable table derived from the input's (O(overlay), not O(tasks)). */
  private ownTasks(): void {
    if (!this.copied.has('tasks')) {
      this.copied.add('tasks');
      this.tasks = this.tasks.derive();
    }
    this.changed = true;
    this.writes += 1;
  }

  setTask(task: Task): void {
    this.taskOrInstanceWrites += 1;
    const old = this.tasks.get(task.id);
    this.adoptIndex();
    this.adoptAgenda();
    this.ownTasks();
    this.unshareIndex();
    if (this.idx) {
      if (old) this.idx.replace(old, task);
      else this.idx.add(task);
    }
    this.tasks.set(task.id, task);
    this.agendaOwned?.push(taskWorkAt(task), task.id);
  }

  /**
   * The agenda of this draft's tasks (see agenda.ts): the base state's, taken over (its cache entry
   * removed, so the old state would rebuild its own if advanced again), or built from the tasks.
   */
  agenda(): Agenda {
    this.adoptAgenda();
    return (this.agendaOwned ??= Agenda.of(this.tasks));
  }

  /** Before the first task write: takes over the base record's agenda, if it has one. */
  private adoptAgenda(): void {
    if (this.agendaOwned || this.copied.has('tasks')) return;
    const cached = agendaCache.get(this.baseTasks);
    if (!cached) return;
    agendaCache.delete(this.baseTasks);
    this.agendaOwned = cached;
  }

  deleteTask(id: string): void {
    const old = this.tasks.get(id);
    if (!old) return;
    this.taskOrInstanceWrites += 1;
    this.adoptIndex();
    this.ownTasks();
    this.unshareIndex();
    if (this.idx) this.idx.remove(old);
    this.tasks.delete(id);
  }

  /**
   * Before the first task write: takes over the base record's cached index (if any) so it is kept
   * in step with the writes, instead of being rebuilt from every task when first asked for after
   * the record was copied (the self-healing hot path at 10,000 tasks).
   */
  private adoptIndex(): void {
    if (this.idx || this.copied.has('tasks')) return;
    const cached = indexCache.get(this.tasks);
    if (cached) {
      this.idx = cached;
      this.idxShared = true;
    }
  }

  /**
   * A cached index belongs to the base state's tasks record. Before the first task write it is taken
   * over (its cache entry removed, so the old state would rebuild its own if used again) and then
   * kept in step with the draft's writes.
   */
  private unshareIndex(): void {
    if (this.idxShared) {
      indexCache.delete(this.baseTasks);
      this.idxShared = false;
    }
  }

  setInstance(instance: ContainerInstance): void {
    this.taskOrInstanceWrites += 1;
    this.instanceWrites += 1;
    const old = this.instances[instance.id];
    if (!old || !onlyReservationChanged(old, instance)) this.instanceStateWrites += 1;
    if (!old) this.sortedInstanceIds = undefined;
    if (!old || old.status !== instance.status || old.agentConnected !== instance.agentConnected)
      this.instanceEpoch = ++epochSeq;
    this.carry?.written.add(instance.id);
    this.own('instances');
    this.instances[instance.id] = instance;
  }

  deleteInstance(id: string): void {
    this.taskOrInstanceWrites += 1;
    this.instanceWrites += 1;
    this.instanceStateWrites += 1;
    this.sortedInstanceIds = undefined;
    this.instanceEpoch = ++epochSeq;
    this.carry?.written.add(id);
    this.own('instances');
    delete this.instances[id];
  }

  setService(service: Service): void {
    this.own('services');
    this.services[service.serviceName] = service;
  }

  setTaskDefinition(key: string, td: TaskDefinition): void {
    this.own('taskDefinitions');
    this.taskDefinitions[key] = td;
  }

  setDownAzs(azs: readonly string[]): void {
    this.downAzs = [...azs].sort();
    this.changed = true;
    this.writes += 1;
  }

  setPatching(patching: PatchingState): void {
    this.patching = patching;
    this.changed = true;
    this.writes += 1;
  }

  setRegistry(registry: ImageRegistryState): void {
    this.registry = registry;
    this.changed = true;
    this.writes += 1;
  }

  setTraffic(traffic: TrafficState): void {
    this.traffic = traffic;
    this.changed = true;
    this.writes += 1;
  }

  /** Next deployment sequence number (kept in counters so ids stay unique and replayable). */
  nextDeploymentNumber(): number {
    this.deploymentCounter += 1;
    return this.deploymentCounter;
  }

  /**
   * Appends an event. With `dedupe`, a message identical to the subject's latest event within 6 h is
   * dropped: ECS suppresses duplicate service messages until the cause changes (A3.6).
   */
  pushEvent(kind: SimEventKind, subject: string, message: string, dedupe = false): void {
    if (dedupe) {
      for (let i = this.events.length - 1; i >= 0; i--) {
        const e = this.events[i] as SimEvent;
        if (e.kind !== kind || e.subject !== subject) continue;
        if (e.message === message && this.now - e.at < DUPLICATE_EVENT_WINDOW_MS) return;
        break;
      }
    }
    if (!Object.isFrozen(this.events) && this.copied.has('events')) {
      (this.events as SimEvent[]).push(this.makeEvent(kind, subject, message));
    } else {
      this.copied.add('events');
      this.events = [...this.events, this.makeEvent(kind, subject, message)];
    }
    this.changed = true;
    this.writes += 1;
  }

  private makeEvent(kind: SimEventKind, subject: string, message: string): SimEvent {
    this.eventCounter += 1;
    return { id: this.eventCounter, at: this.now, kind, subject, message };
  }

  /** The new state. Returns the input object itself when nothing at all changed. */
  finish(): SimState {
    const rngMoved = this.rng.state !== this.base.rng;
    if (this.carry) carryCache.set(this.instances, this.carry);
    if (!this.changed && !rngMoved && this.now === this.base.now) return this.base;
    // Seal the written table (compacted when its overlay grew large); a draft that wrote no task
    // hands the input's table on, so `prev.tasks === next.tasks` still tells "no task changed".
    const tasks = this.copied.has('tasks') ? this.tasks.seal() : this.baseTasks;
    this.tasks = tasks;
    if (this.idx) indexCache.set(tasks, this.idx);
    if (this.agendaOwned) agendaCache.set(tasks, this.agendaOwned);
    epochCache.set(this.instances, this.instanceEpoch);
    if (this.sortedInstanceIds) sortedIdsCache.set(this.instances, this.sortedInstanceIds);
    if (this.transit) transitCache.set(this.instances, this.transit);
    const events =
      this.events.length > MAX_EVENTS
        ? this.events.slice(this.events.length - MAX_EVENTS)
        : this.events;
    // Like `{ ...this.base, version, …, tasks, … }` (same keys in the same order), except that
    // `tasks` becomes a getter over the table (task-table.ts) and the input's is never read.
    const out: Record<string, unknown> = {};
    const base = this.base as unknown as Record<string, unknown>;
    for (const k in base) {
      if (k === 'tasks') defineTasks(out, tasks);
      else out[k] = base[k];
    }
    out.version = this.changed ? this.base.version + 1 : this.base.version;
    out.now = this.now;
    out.rng = this.rng.state;
    out.counters = { event: this.eventCounter, deployment: this.deploymentCounter };
    out.instances = this.instances;
    out.taskDefinitions = this.taskDefinitions;
    out.services = this.services;
    if (!('tasks' in out)) defineTasks(out, tasks);
    out.events = events;
    out.downAvailabilityZones = this.downAzs;
    if (this.registry) out.registry = this.registry;
    if (this.traffic) out.traffic = this.traffic;
    if (this.cost) out.cost = this.cost;
    if (this.patching) out.patching = this.patching;
    return out as unknown as SimState;
  }
}
