/**
 * Operational overhead: who has to patch what. EC2 container instances run an ECS-optimized AMI
 * (attribute `ecs.ami-id`); when AWS releases a new one (security fixes), every instance on an older
 * AMI is *outdated* and it is the user's job to replace it: drain it (tasks move, within the
 * service's deployment limits), launch a replacement from the new AMI, terminate the old one
 * [ECS-DG ecs-optimized_AMI, container-instance-draining]. Fargate runs on infrastructure AWS
 * patches: nothing to do [ECS-DG AWS_Fargate; guide: "AWS handles scaling and patching"].
 *
 * The ledger lists the things the user had to do, per launch type, for the patching panel.
 */
import type { Draft } from './draft.ts';
import type { ContainerInstance, SimState } from './model.ts';

export interface OpsEntry {
  readonly at: number;
  readonly launchType: 'EC2' | 'FARGATE';
  readonly what: string;
  /** True for work the user did (counted); false for notes such as "AWS patched Fargate". */
  readonly userWork: boolean;
}

export interface PatchingState {
  /** The newest ECS-optimized AMI. */
  readonly latestAmi: string;
  readonly releasedAt: number;
  /** Oldest first, bounded to OPS_LEDGER_LIMIT. */
  readonly ledger: readonly OpsEntry[];
}

export const OPS_LEDGER_LIMIT = 200;

export type PatchingCommand =
  /** AWS releases a new ECS-optimized AMI (e.g. a kernel security fix). */
  { readonly type: 'RELEASE_AMI'; readonly amiId?: string };

export function isPatchingCommand(c: { readonly type: string }): c is PatchingCommand {
  return c.type === 'RELEASE_AMI';
}

const AMI_ID = /^ami-[0-9a-f]{8,17}$/;

/** Pure: EC2 instances (not external, not INACTIVE) whose AMI is older than the latest release. */
export function outdatedInstances(
  state: Pick<SimState, 'instances'> & { readonly patching?: PatchingState },
): ContainerInstance[] {
  const latest = state.patching?.latestAmi;
  if (latest === undefined) return [];
  return Object.values(state.instances)
    .filter((i) => !i.external && i.status !== 'INACTIVE' && i.attributes['ecs.ami-id'] !== latest)
    .sort((a, b) => a.registeredAt - b.registeredAt || a.id.localeCompare(b.id));
}

function log(d: Draft, entries: readonly OpsEntry[]): void {
  const p = d.patching;
  if (!p || entries.length === 0) return;
  const ledger = [...p.ledger, ...entries];
  d.setPatching({
    ...p,
    ledger: ledger.length > OPS_LEDGER_LIMIT ? ledger.slice(-OPS_LEDGER_LIMIT) : ledger,
  });
}

export function runPatchingCommand(d: Draft, c: PatchingCommand): string | undefined {
  const ami = c.amiId ?? `ami-0${d.rng.hex(16)}`;
  if (!AMI_ID.test(ami)) {
    return `InvalidAMIID.Malformed: Invalid id: "${ami}" (expecting "ami-...")`;
  }
  d.setPatching({ latestAmi: ami, releasedAt: d.now, ledger: d.patching?.ledger ?? [] });
  const outdated = outdatedInstances(d);
  d.pushEvent(
    'cluster',
    ami,
    `A new ECS-optimized AMI ${ami} is available. ${outdated.length} EC2 container instance(s) run an older AMI and need replacing; Fargate is patched by AWS.`,
  );
  log(d, [
    {
      at: d.now,
      launchType: 'EC2',
      what: `New AMI ${ami}: ${outdated.length} instance(s) to drain and replace`,
      userWork: false,
    },
    {
      at: d.now,
      launchType: 'FARGATE',
      what: 'AWS patched the Fargate platform: nothing to do',
      userWork: false,
    },
  ]);
  return undefined;
}

/**
 * Runs `apply` (one command) and records the patching work it did: new instances get the latest
 * AMI, and draining, terminating or launching EC2 instances after a release is logged as EC2 work.
 */
export function trackPatching<R extends { readonly error?: string }>(
  d: Draft,
  c: { readonly type: string },
  apply: () => R,
): R {
  if (!d.patching) return apply();
  const before = new Set(d.instanceIds());
  const outdatedBefore = new Map(outdatedInstances(d).map((i) => [i.id, i.status]));
  const out = apply();
  if (out.error || !d.patching) return out;
  const entries: OpsEntry[] = [];
  const latest = d.patching.latestAmi;
  for (const id of d.instanceIds()) {
    const inst = d.instances[id] as ContainerInstance;
    if (before.has(id) || inst.external) continue;
    d.setInstance({ ...inst, attributes: { ...inst.attributes, 'ecs.ami-id': latest } });
    entries.push({
      at: d.now,
      launchType: 'EC2',
      what: `Launched ${inst.ec2InstanceId} (${inst.instanceType}) from ${latest}`,
      userWork: true,
    });
  }
  for (const [id, was] of outdatedBefore) {
    const inst = d.instances[id];
    if (!inst || inst.status === was) continue;
    if (c.type === 'DRAIN_INSTANCE' && inst.status === 'DRAINING') {
      entries.push({
        at: d.now,
        launchType: 'EC2',
        what: `Drained ${inst.ec2InstanceId} (outdated AMI): its tasks move to other instances`,
        userWork: true,
      });
    } else if (c.type === 'TERMINATE_INSTANCE' && inst.status === 'INACTIVE') {
      entries.push({
        at: d.now,
        launchType: 'EC2',
        what: `Terminated ${inst.ec2InstanceId} (outdated AMI)`,
        userWork: true,
      });
    }
  }
  log(d, entries);
  return out;
}
