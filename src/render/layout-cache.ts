/**
 * The canvas's last layout, handed back for a snapshot that would lay out the same: most
 * snapshots change task statuses, resources and traffic, not which tasks are live where, and a
 * fresh layout (a slot object per task, maps and lists) was ~140 KB of garbage and ~0.2 ms per
 * snapshot at 1,000 tasks (issue 8). A snapshot lays out the same when every input layoutCluster
 * reads is equal: the viewport, the Region's AZs and the AZs down, each instance's id, AZ,
 * registration time, external flag, status and agent connection, and each task's id, STOPPED or
 * not, launch type, AZ, instance, service, group and creation time, in the same record order.
 * Aggregate layouts (which count statuses) are made afresh every time. A record or object that is
 * the same object as last time is not looked into. Keep this list in step with layout.ts.
 */
import type { ContainerInstance, SimState, Task } from '../sim/model.ts';
import { layoutCluster, type ClusterLayout, type ViewportSize } from './layout.ts';

export class LayoutCache {
  private layout: ClusterLayout | undefined;
  private width = NaN;
  private height = NaN;
  private azs: readonly string[] = [];
  private down: readonly string[] | undefined;
  private tasks: SimState['tasks'] | undefined;
  private instances: SimState['instances'] | undefined;
  /** The tasks and instances (record order) the layout was made or last found equal for. */
  private readonly taskRefs: Task[] = [];
  private readonly instanceRefs: ContainerInstance[] = [];
  /** Layouts made (not handed back), for tests and stats. */
  made = 0;

  /** The layout of `state` in `viewport`: the last one when it would be equal, else a new one. */
  get(state: SimState, viewport: ViewportSize): ClusterLayout {
    const last = this.layout;
    if (
      last &&
      viewport.width === this.width &&
      viewport.height === this.height &&
      sameList(state.cluster.availabilityZones, this.azs) &&
      sameList(state.downAvailabilityZones, this.down) &&
      this.sameInstances(state.instances) &&
      this.sameTasks(state.tasks)
    )
      return last;
    const layout = layoutCluster(state, viewport);
    this.made++;
    if (layout.lod === 'aggregate') {
      // Not kept: its counts change with any status, and listing the tasks to compare next time
      // is a pass over every one of them (thousands at this level of detail) for little reuse.
      this.clear();
      return layout;
    }
    this.layout = layout;
    this.width = viewport.width;
    this.height = viewport.height;
    this.azs = state.cluster.availabilityZones;
    this.down = state.downAvailabilityZones;
    this.instances = state.instances;
    this.instanceRefs.length = 0;
    for (const id in state.instances) this.instanceRefs.push(state.instances[id]!);
    this.tasks = state.tasks;
    this.taskRefs.length = 0;
    for (const id in state.tasks) this.taskRefs.push(state.tasks[id]!);
    return layout;
  }

  /** Forgets the last layout (the next `get` makes one). */
  clear(): void {
    this.layout = undefined;
    this.tasks = undefined;
    this.instances = undefined;
    this.taskRefs.length = 0;
    this.instanceRefs.length = 0;
  }

  private sameInstances(instances: SimState['instances']): boolean {
    if (instances === this.instances) return true;
    const refs = this.instanceRefs;
    let k = 0;
    for (const id in instances) {
      const a = instances[id];
      const b = refs[k];
      if (a === undefined || b === undefined) return false;
      if (
        a !== b &&
        (a.id !== b.id ||
          a.availabilityZone !== b.availabilityZone ||
          a.registeredAt !== b.registeredAt ||
          a.external !== b.external ||
          a.status !== b.status ||
          a.agentConnected !== b.agentConnected)
      )
        return false;
      refs[k++] = a;
    }
    if (k !== refs.length) return false;
    this.instances = instances;
    return true;
  }

  private sameTasks(tasks: SimState['tasks']): boolean {
    if (tasks === this.tasks) return true;
    const refs = this.taskRefs;
    let k = 0;
    for (const id in tasks) {
      const a = tasks[id];
      const b = refs[k];
      if (a === undefined || b === undefined) return false;
      if (
        a !== b &&
        (a.id !== b.id ||
          (a.lastStatus === 'STOPPED') !== (b.lastStatus === 'STOPPED') ||
          a.launchType !== b.launchType ||
          a.availabilityZone !== b.availabilityZone ||
          a.containerInstanceId !== b.containerInstanceId ||
          a.serviceName !== b.serviceName ||
          a.group !== b.group ||
          a.createdAt !== b.createdAt)
      )
        return false;
      refs[k++] = a;
    }
    if (k !== refs.length) return false;
    this.tasks = tasks;
    return true;
  }
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  const n = a?.length ?? 0;
  if (n !== (b?.length ?? 0)) return false;
  for (let i = 0; i < n; i++) if (a![i] !== b![i]) return false;
  return true;
}
