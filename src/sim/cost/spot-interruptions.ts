/**
 * Spot interruptions for Fargate Spot and EC2 Spot: when they happen and how they are worded.
 *
 * AWS reclaims Spot capacity with a two-minute warning: for Fargate Spot a task state change event
 * plus SIGTERM, the container killed after stopTimeout (≤ 120 s); the task stops with stopCode
 * `TerminationNotice` and stoppedReason "Your Spot Task was interrupted." [ECS-DG
 * fargate-capacity-providers] (reference A5.5, A2.2). EC2 Spot gives the instance a two-minute
 * interruption notice ("EC2 Spot Instance Interruption Warning"); ECS drains the instance on notice
 * when ECS_ENABLE_SPOT_INSTANCE_DRAINING=true, and tasks still there when it is reclaimed stop with
 * stopCode `SpotInterruption` [ECS-API TaskStopCode].
 *
 * Timing model (simulator assumption; AWS publishes only coarse interruption-frequency bands):
 * interruptions arrive as a Poisson process with `ratePerHour`, so the gap to the next notice is
 * exponential: −ln(1 − u) / rate hours, u drawn from the seeded RNG.
 */
import type { StopCode } from '../model.ts';
import { nextFloat, type RngState } from '../rng.ts';

/** The warning AWS gives before reclaiming Spot capacity. */
export const SPOT_INTERRUPTION_WARNING_MS = 2 * 60 * 1000;

/** Fargate Spot task stop fields [ECS-DG fargate-capacity-providers]. */
export const FARGATE_SPOT_INTERRUPTION: {
  readonly stopCode: StopCode;
  readonly stoppedReason: string;
} = {
  stopCode: 'TerminationNotice',
  stoppedReason: 'Your Spot Task was interrupted.',
};

/** stopCode for tasks on a reclaimed EC2 Spot instance [ECS-API TaskStopCode]. */
export const EC2_SPOT_INTERRUPTION_STOP_CODE: StopCode = 'SpotInterruption';

/** EventBridge detail-type of the EC2 two-minute notice [EC2 Spot user guide]. */
export const EC2_SPOT_WARNING_DETAIL_TYPE = 'EC2 Spot Instance Interruption Warning';

/**
 * Pure: stop fields for a task still on an EC2 Spot instance when it is reclaimed; the reason uses
 * the "Host EC2 (instance <id>) stopped/terminated" form of reference A2.2 (trailing period
 * UNVERIFIED).
 */
export function ec2SpotTaskStop(ec2InstanceId: string): {
  readonly stopCode: StopCode;
  readonly stoppedReason: string;
} {
  return {
    stopCode: EC2_SPOT_INTERRUPTION_STOP_CODE,
    stoppedReason: `Host EC2 (instance ${ec2InstanceId}) terminated.`,
  };
}

export interface SpotInterruption {
  /** When the two-minute warning is given (simulated ms). */
  readonly noticeAt: number;
  /** When the capacity is reclaimed: noticeAt + 2 minutes. */
  readonly reclaimAt: number;
}

/**
 * Pure: the next interruption after `now` for one Spot task or instance, and the advanced RNG.
 * `ratePerHour` ≤ 0 means never (undefined, RNG untouched). Same RNG state → same answer.
 */
export function nextSpotInterruption(
  rng: RngState,
  now: number,
  ratePerHour: number,
): [SpotInterruption | undefined, RngState] {
  if (!(ratePerHour > 0)) return [undefined, rng];
  const [u, next] = nextFloat(rng);
  const gapMs = Math.max(1, Math.ceil((-Math.log(1 - u) / ratePerHour) * 3_600_000));
  const noticeAt = now + gapMs;
  return [{ noticeAt, reclaimAt: noticeAt + SPOT_INTERRUPTION_WARNING_MS }, next];
}
