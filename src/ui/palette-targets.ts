/**
 * Drop targets for the palette (issue 5): from a canvas pick to a DropTarget, and the list the
 * keyboard/menu equivalent offers. Pure apart from reading the state it is given.
 */
import type { DropTarget } from '../machine/index.ts';
import type { EntityRef, SimState } from '../sim/index.ts';
import { externalSites } from '../sim/anywhere.ts';

/** The DropTarget for what the canvas found under the pointer (undefined: outside the canvas). */
export function targetFromPick(pick: {
  readonly ref?: EntityRef;
  readonly fargateAz?: string;
}): DropTarget {
  const { ref, fargateAz } = pick;
  if (ref?.kind === 'task') return { kind: 'task', id: ref.id };
  if (ref?.kind === 'instance') return { kind: 'instance', id: ref.id };
  if (ref?.kind === 'service') return { kind: 'service', name: ref.id };
  if (fargateAz !== undefined) return { kind: 'fargate', az: fargateAz };
  if (ref?.kind === 'availabilityZone') return { kind: 'availabilityZone', az: ref.id };
  return { kind: 'cluster' };
}

/** The target a selection stands for (the keyboard equivalent of dropping on it). */
export function targetFromSelection(ref: EntityRef | undefined): DropTarget | undefined {
  if (ref === undefined) return undefined;
  switch (ref.kind) {
    case 'task':
      return { kind: 'task', id: ref.id };
    case 'instance':
      return { kind: 'instance', id: ref.id };
    case 'service':
      return { kind: 'service', name: ref.id };
    case 'availabilityZone':
      return { kind: 'availabilityZone', az: ref.id };
    default:
      return undefined;
  }
}

/** A menu entry: a stable key, a label and the target. */
export interface TargetOption {
  readonly key: string;
  readonly label: string;
  readonly target: DropTarget;
}

export function targetKey(t: DropTarget): string {
  switch (t.kind) {
    case 'cluster':
      return 'cluster';
    case 'availabilityZone':
    case 'fargate':
      return `${t.kind}:${t.az}`;
    case 'instance':
    case 'task':
      return `${t.kind}:${t.id}`;
    case 'service':
      return `service:${t.name}`;
  }
}

/** Every place something can be dropped, in reading order, for the menu. */
export function targetOptions(state: SimState, selection: EntityRef | undefined): TargetOption[] {
  const out: TargetOption[] = [];
  const add = (target: DropTarget, label: string): void => {
    out.push({ key: targetKey(target), label, target });
  };
  const sel = targetFromSelection(selection);
  if (sel !== undefined && sel.kind === 'task' && state.tasks[sel.id] !== undefined) {
    const t = state.tasks[sel.id]!;
    add(sel, `Selected task ${t.id.slice(0, 8)}… (${t.serviceName ?? t.taskDefinitionKey})`);
  }
  add({ kind: 'cluster' }, `Cluster ${state.cluster.clusterName}`);
  for (const az of state.cluster.availabilityZones) {
    add({ kind: 'availabilityZone', az }, `AZ ${az} (EC2)`);
    add({ kind: 'fargate', az }, `Fargate in ${az}`);
  }
  for (const site of externalSites(state.instances))
    add({ kind: 'availabilityZone', az: site }, `On-premises site ${site} (ECS Anywhere)`);
  for (const inst of Object.values(state.instances))
    if (inst.status !== 'INACTIVE')
      add(
        { kind: 'instance', id: inst.id },
        `Instance ${inst.instanceType} ${inst.ec2InstanceId} (${inst.availabilityZone})`,
      );
  for (const svc of Object.values(state.services))
    if (svc.status === 'ACTIVE')
      add({ kind: 'service', name: svc.serviceName }, `Service ${svc.serviceName}`);
  return out;
}
