/**
 * The dynamic-scaling decision of Application Auto Scaling for one scalable target: combines the
 * proposals of all policies with their cooldowns (reference A6.2, A6.3). Pure.
 */
import type { AlarmStatus } from './alarms.ts';
import type { ScalableTarget, ScalingPolicy } from './autoscaling.ts';
import { proposeStepScaling } from './step-scaling.ts';
import { proposeTargetTracking, type ScalingProposal } from './target-tracking.ts';

/** Per-policy cooldown bookkeeping. */
export interface PolicyRuntime {
  readonly lastScaleOutAt?: number;
  /** Capacity before the last scale-out (the base a scale-out during cooldown is computed from). */
  readonly scaleOutBase?: number;
  readonly lastScaleInAt?: number;
}

function cooldowns(p: ScalingPolicy): { out: number; in: number } {
  if (p.policyType === 'StepScaling') return { out: p.cooldown * 1000, in: p.cooldown * 1000 };
  return { out: p.scaleOutCooldown * 1000, in: p.scaleInCooldown * 1000 };
}

const clamp = (n: number, t: ScalableTarget): number =>
  Math.min(t.maxCapacity, Math.max(t.minCapacity, n));

/**
 * Pure: the capacity the policies agree on at `now`, or undefined for no change. Scale out if any
 * policy asks (largest wins); a scale-out inside a policy's scale-out cooldown is computed from the
 * capacity before the previous scale-out and acts only if larger (A6.2). Scale in only when no
 * policy asks to scale out, every target-tracking policy with scale-in enabled agrees, the policy
 * is out of its scale-in cooldown, and no deployment is in progress (A6.1, A6.2).
 */
export function decideScaling(
  policies: readonly ScalingPolicy[],
  alarms: Readonly<Record<string, AlarmStatus>>,
  runtime: Readonly<Record<string, PolicyRuntime>>,
  target: ScalableTarget,
  current: number,
  now: number,
  options: { readonly deploymentInProgress?: boolean },
):
  | { capacity: number; proposal: ScalingProposal; runtime: Record<string, PolicyRuntime> }
  | undefined {
  const outs: { capacity: number; proposal: ScalingProposal }[] = [];
  const ins: { capacity: number; proposal: ScalingProposal }[] = [];
  let ttScaleInVoters = 0;
  let ttScaleInAgree = 0;
  for (const p of policies) {
    const rt = runtime[p.policyName] ?? {};
    const cd = cooldowns(p);
    let proposal: ScalingProposal | undefined;
    if (p.policyType === 'StepScaling') {
      const a = alarms[p.alarm.alarmName];
      proposal = a === undefined ? undefined : proposeStepScaling(p, a);
    } else {
      const high = alarms[p.alarmHigh.alarmName];
      const low = p.alarmLow === undefined ? undefined : alarms[p.alarmLow.alarmName];
      proposal = high === undefined ? undefined : proposeTargetTracking(p, high, low);
      if (!p.disableScaleIn) ttScaleInVoters++;
    }
    if (proposal === undefined) continue;
    const c = proposal.capacityFrom(current);
    if (c > current) {
      const inCooldown = rt.lastScaleOutAt !== undefined && now < rt.lastScaleOutAt + cd.out;
      // During scale-out cooldown the capacity already added counts: only a larger scale-out acts (A6.2).
      const capacity = inCooldown ? proposal.capacityFrom(rt.scaleOutBase ?? current) : c;
      if (capacity > current) outs.push({ capacity, proposal });
    } else if (c < current) {
      if (p.policyType === 'TargetTrackingScaling') ttScaleInAgree++;
      const inCooldown = rt.lastScaleInAt !== undefined && now < rt.lastScaleInAt + cd.in;
      if (!inCooldown) ins.push({ capacity: c, proposal });
    }
  }
  const s = target.suspendedState;
  let pick: { capacity: number; proposal: ScalingProposal } | undefined;
  let direction: 'out' | 'in' | undefined;
  if (outs.length > 0 && !s.dynamicScalingOutSuspended) {
    pick = outs.reduce((a, b) => (b.capacity > a.capacity ? b : a));
    direction = 'out';
  } else if (
    outs.length === 0 &&
    ins.length > 0 &&
    !s.dynamicScalingInSuspended &&
    options.deploymentInProgress !== true &&
    ttScaleInAgree === ttScaleInVoters
  ) {
    pick = ins.reduce((a, b) => (b.capacity > a.capacity ? b : a));
    direction = 'in';
  }
  if (pick === undefined) return undefined;
  const capacity = clamp(pick.capacity, target);
  if (capacity === current) return undefined;
  const next: Record<string, PolicyRuntime> = { ...runtime };
  if (direction === 'out') {
    // A scale-out cancels any scale-in cooldown (A6.2).
    for (const [k, v] of Object.entries(next)) {
      const { lastScaleInAt: _drop, ...rest } = v;
      next[k] = rest;
    }
    const prev = next[pick.proposal.policyName] ?? {};
    const policy = policies.find((p) => p.policyName === pick.proposal.policyName);
    const stillCooling =
      policy !== undefined &&
      prev.lastScaleOutAt !== undefined &&
      now < prev.lastScaleOutAt + cooldowns(policy).out;
    // A larger scale-out during cooldown keeps the base the metric still reflects.
    next[pick.proposal.policyName] = {
      ...prev,
      lastScaleOutAt: now,
      scaleOutBase: stillCooling ? (prev.scaleOutBase ?? current) : current,
    };
  } else {
    next[pick.proposal.policyName] = { ...next[pick.proposal.policyName], lastScaleInAt: now };
  }
  return { capacity, proposal: pick.proposal, runtime: next };
}
