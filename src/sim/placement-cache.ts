/**
 * What BatchPlacer (placement.ts) starts from, kept from one batch to the next (issue 8: at 1,000
 * instances a scheduler pass that starts one task used to filter every instance again, and under
 * load-driven scaling most passes start a few).
 *
 * An ActiveSet is the list `activeInstances` gives (ACTIVE instances in sorted id order, in up AZs,
 * EXTERNAL ones only for EXTERNAL tasks) with what placement reads per instance: its position, its
 * AZ and attribute buckets as small integers, and per kind of task whether `firstFailedCheck` passes.
 * The list itself can only change when an instance comes, goes or changes status or agent
 * connection (Draft.instanceEpoch) or the down AZs change: then the set is built again. Any other
 * instance write (a placement's reservation, a stop's release) is seen through
 * `InstanceCarry.written` (draft.ts): those instances are read again and re-checked. So a set always
 * answers what a fresh filter over the draft would; the per-task work stays in BatchPlacer.
 * Pure memoisation; never observable (tests/sim/placement-cache.test.ts compares it with a fresh
 * filter after every write).
 */
import type { Draft } from './draft.ts';
import type { ContainerInstance } from './model.ts';
import type { TaskRequirements } from './resources.ts';

/** Buckets of one spread field: each active instance's bucket as an index into `names`. */
export interface Buckets {
  readonly ids: Int32Array;
  readonly names: readonly string[];
}

type Check = (inst: ContainerInstance, req: TaskRequirements) => string | undefined;
type BucketOf = (inst: ContainerInstance, field: string) => string;

function requirementsKey(r: TaskRequirements): string {
  return `${r.cpu}|${r.memory}|${r.cpuArchitecture}|${r.usesEni ? 1 : 0}|${r.hostPorts.join(',')}`;
}

export class ActiveSet {
  /** The active instances, as the draft holds them now (after `sync`). Never mutate. */
  readonly active: ContainerInstance[] = [];
  /** Position of an instance id in `active`. */
  readonly pos = new Map<string, number>();
  /** Each active instance's availabilityZone as an index into `azNames`. */
  readonly azIds: Int32Array;
  readonly azNames: string[] = [];
  private readonly buckets = new Map<string, Buckets>();
  private readonly fits = new Map<string, { req: TaskRequirements; fit: Uint8Array }>();

  constructor(
    d: Draft,
    readonly epoch: number,
    readonly down: string,
    readonly external: boolean,
  ) {
    const downAzs = new Set(d.downAzs);
    for (const id of d.instanceIds()) {
      const i = d.instances[id] as ContainerInstance;
      // EXTERNAL tasks run only on external instances and EC2 tasks never do (src/sim/anywhere.ts).
      if (
        i.status === 'ACTIVE' &&
        (i.external === true) === external &&
        !downAzs.has(i.availabilityZone)
      ) {
        this.pos.set(id, this.active.length);
        this.active.push(i);
      }
    }
    const n = this.active.length;
    this.azIds = new Int32Array(n);
    const azSeen = new Map<string, number>();
    for (let j = 0; j < n; j++) {
      const az = (this.active[j] as ContainerInstance).availabilityZone;
      let k = azSeen.get(az);
      if (k === undefined) {
        azSeen.set(az, (k = this.azNames.length));
        this.azNames.push(az);
      }
      this.azIds[j] = k;
    }
  }

  /**
   * Takes in instance `id` as written in the draft. False when the set cannot follow the change (an
   * AZ or attributes changed: buckets would move), so it must be built again.
   */
  update(d: Draft, id: string, check: Check): boolean {
    const j = this.pos.get(id);
    if (j === undefined) return true;
    const inst = d.instances[id];
    const old = this.active[j] as ContainerInstance;
    if (
      !inst ||
      inst.availabilityZone !== old.availabilityZone ||
      inst.attributes !== old.attributes
    )
      return false;
    this.active[j] = inst;
    for (const f of this.fits.values()) f.fit[j] = check(inst, f.req) ? 0 : 1;
    return true;
  }

  /** 1 where an active instance passes `check` for tasks needing `req`. Never mutate. */
  fit(req: TaskRequirements, check: Check): Uint8Array {
    const key = requirementsKey(req);
    let f = this.fits.get(key);
    if (!f) {
      const fit = new Uint8Array(this.active.length);
      for (let j = 0; j < fit.length; j++)
        fit[j] = check(this.active[j] as ContainerInstance, req) ? 0 : 1;
      this.fits.set(key, (f = { req, fit }));
    }
    return f.fit;
  }

  /** Each active instance's bucket for a spread field. Never mutate. */
  bucketsOf(field: string, bucketOf: BucketOf): Buckets {
    let b = this.buckets.get(field);
    if (!b) {
      const n = this.active.length;
      const ids = new Int32Array(n);
      const names: string[] = [];
      const seen = new Map<string, number>();
      for (let j = 0; j < n; j++) {
        const name = bucketOf(this.active[j] as ContainerInstance, field);
        let k = seen.get(name);
        if (k === undefined) {
          seen.set(name, (k = names.length));
          names.push(name);
        }
        ids[j] = k;
      }
      this.buckets.set(field, (b = { ids, names }));
    }
    return b;
  }
}

/**
 * The draft's active set for EC2 (external false) or EXTERNAL tasks, brought up to date with every
 * instance write since it was last asked for.
 */
export function activeSet(d: Draft, external: boolean, check: Check): ActiveSet {
  const carry = d.instanceCarry();
  let sets = (carry.placement as ActiveSet[] | undefined) ?? [];
  const down = d.downAzs.join('\n');
  sets = sets.filter((s) => s.epoch === d.instanceEpoch && s.down === down);
  if (carry.written.size > 0) {
    for (const id of carry.written) sets = sets.filter((s) => s.update(d, id, check));
    carry.written.clear();
  }
  let set = sets.find((s) => s.external === external);
  if (!set) sets.push((set = new ActiveSet(d, d.instanceEpoch, down, external)));
  carry.placement = sets;
  return set;
}
