/**
 * Resolves the selectors of scenario files against a simulation state: which tasks a
 * `task: {service: web}` means, which instance `instance: 2` is, which entity a step's focus
 * highlights. Pure: reads the state, never changes it.
 */
import type { ContainerInstance, EntityRef, SimState, Task } from '../../sim/index.ts';
import type {
  InstanceSelector,
  ScenarioFocus,
  TaskSelector,
} from '../../formats/scenario-types.ts';

/** Family of a task definition key "family:revision". */
export function familyOf(key: string): string {
  const colon = key.lastIndexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

/**
 * Tasks matching `selector` (and `lastStatus` when given), oldest first (createdAt, then id).
 * Without a status, STOPPED tasks are left out: they linger for an hour [ECS-DG task-lifecycle]
 * but are no longer part of what runs. `index` is ignored here (see pickTask).
 */
export function matchTasks(
  state: SimState,
  selector: TaskSelector,
  lastStatus = selector.lastStatus,
): Task[] {
  const out: Task[] = [];
  for (const task of Object.values(state.tasks)) {
    if (lastStatus === undefined ? task.lastStatus === 'STOPPED' : task.lastStatus !== lastStatus)
      continue;
    if (selector.service !== undefined && task.serviceName !== selector.service) continue;
    if (selector.family !== undefined && familyOf(task.taskDefinitionKey) !== selector.family)
      continue;
    if (selector.launchType !== undefined && task.launchType !== selector.launchType) continue;
    if (
      selector.availabilityZone !== undefined &&
      task.availabilityZone !== selector.availabilityZone
    )
      continue;
    out.push(task);
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The `index`-th (default 0) task matching `selector`, or undefined. */
export function pickTask(state: SimState, selector: TaskSelector): Task | undefined {
  return matchTasks(state, selector)[selector.index ?? 0];
}

/** Container instances in registration order (the order `instance: N` counts in, 1-based). */
export function instancesByRegistration(state: SimState): ContainerInstance[] {
  // Object insertion order is registration order; the stable sort only guards against reordering.
  return Object.values(state.instances)
    .map((inst, i) => ({ inst, i }))
    .sort((a, b) => a.inst.registeredAt - b.inst.registeredAt || a.i - b.i)
    .map(({ inst }) => inst);
}

/**
 * Instances matching the AZ / type / status of `selector`. Without a status, INACTIVE
 * (terminated, still listed for a while) instances are left out.
 */
export function matchInstances(
  state: SimState,
  selector: Omit<InstanceSelector, 'ordinal' | 'index'>,
): ContainerInstance[] {
  return instancesByRegistration(state).filter(
    (inst) =>
      (selector.status === undefined
        ? inst.status !== 'INACTIVE'
        : inst.status === selector.status) &&
      (selector.availabilityZone === undefined ||
        inst.availabilityZone === selector.availabilityZone) &&
      (selector.instanceType === undefined || inst.instanceType === selector.instanceType),
  );
}

/** The instance `selector` names: `ordinal` (1-based registration order) or the `index`-th match. */
export function pickInstance(
  state: SimState,
  selector: InstanceSelector,
): ContainerInstance | undefined {
  if (selector.ordinal !== undefined) return instancesByRegistration(state)[selector.ordinal - 1];
  return matchInstances(state, selector)[selector.index ?? 0];
}

/** The latest revision key of `family` ("family:N"), or undefined when none is registered. */
export function latestRevisionKey(state: SimState, family: string): string | undefined {
  let best: { key: string; revision: number } | undefined;
  for (const [key, td] of Object.entries(state.taskDefinitions)) {
    if (td.family === family && (best === undefined || td.revision > best.revision))
      best = { key, revision: td.revision };
  }
  return best?.key;
}

/** What a step's focus points at in `state`, as the canvas's EntityRef; undefined if it is gone. */
export function resolveFocus(state: SimState, focus: ScenarioFocus): EntityRef | undefined {
  switch (focus.kind) {
    case 'service':
      return state.services[focus.name] === undefined
        ? undefined
        : { kind: 'service', id: focus.name };
    case 'availabilityZone':
      return { kind: 'availabilityZone', id: focus.name };
    case 'taskDefinition': {
      const key = latestRevisionKey(state, focus.name);
      return key === undefined ? undefined : { kind: 'taskDefinition', id: key };
    }
    case 'instance': {
      const inst = pickInstance(state, focus.instance);
      return inst === undefined ? undefined : { kind: 'instance', id: inst.id };
    }
    case 'task': {
      const task = pickTask(state, focus.task);
      return task === undefined ? undefined : { kind: 'task', id: task.id };
    }
  }
}

/** A compact `{service: web, index: 1}` rendering of a selector for messages. */
export function describeSelector(selector: object): string {
  const parts = Object.entries(selector)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${String(v)}`);
  return `{${parts.join(', ')}}`;
}
