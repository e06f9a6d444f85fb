/**
 * Identifier and time formats that mirror the ECS API (reference PART D): ARNs, ids, ISO timestamps.
 * Times are simulated: ISO strings are computed from a fixed epoch plus `state.now`, never the wall clock.
 */
import type { ClusterInfo } from './model.ts';
import type { RngCursor } from './rng.ts';

/** The simulated clock's zero: 2026-01-01T00:00:00Z, in Unix milliseconds (Date is off-limits in the core). */
export const SIM_EPOCH_MS = 1_767_225_600_000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Pure: civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Pure: an ISO-8601 UTC timestamp (like `Date.toISOString`) for a simulated time in ms. */
export function isoAt(simMs: number): string {
  const t = SIM_EPOCH_MS + Math.floor(simMs);
  const days = Math.floor(t / 86_400_000);
  let rem = t - days * 86_400_000;
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(rem / 3_600_000);
  rem -= hh * 3_600_000;
  const mm = Math.floor(rem / 60_000);
  rem -= mm * 60_000;
  const ss = Math.floor(rem / 1000);
  return `${y}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}.${pad(rem - ss * 1000, 3)}Z`;
}

/** `arn:aws:ecs:<region>:<acct>:` prefix. */
function ecsArn(cluster: ClusterInfo, rest: string): string {
  return `arn:aws:ecs:${cluster.region}:${cluster.accountId}:${rest}`;
}

/** Cluster ARN `…:cluster/<name>` [ECS PART D]. */
export function clusterArn(region: string, accountId: string, clusterName: string): string {
  return `arn:aws:ecs:${region}:${accountId}:cluster/${clusterName}`;
}

/** Task ARN, long form `…:task/<cluster>/<id>` [PART D]. */
export function taskArn(cluster: ClusterInfo, taskId: string): string {
  return ecsArn(cluster, `task/${cluster.clusterName}/${taskId}`);
}

/** Service ARN, long form `…:service/<cluster>/<name>` [PART D]. */
export function serviceArn(cluster: ClusterInfo, serviceName: string): string {
  return ecsArn(cluster, `service/${cluster.clusterName}/${serviceName}`);
}

/** Container instance ARN `…:container-instance/<cluster>/<id>` [PART D]. */
export function containerInstanceArn(cluster: ClusterInfo, id: string): string {
  return ecsArn(cluster, `container-instance/${cluster.clusterName}/${id}`);
}

/** Task definition ARN `…:task-definition/<family>:<revision>` [PART D]. */
export function taskDefinitionArn(cluster: ClusterInfo, family: string, revision: number): string {
  return ecsArn(cluster, `task-definition/${family}:${revision}`);
}

/** A deployment id `ecs-svc/` + 19 digits, as ECS shows them (A3.1, PART D). */
export function newDeploymentId(rng: RngCursor): string {
  let digits = String(rng.int(1, 9));
  while (digits.length < 19) digits += String(rng.int(0, 9));
  return `ecs-svc/${digits}`;
}

/** An ECS task or container instance id: 32 lowercase hex digits. */
export function newEcsId(rng: RngCursor): string {
  return rng.hex(32);
}

/** An EC2 instance id: `i-` + 17 hex digits. */
export function newEc2InstanceId(rng: RngCursor): string {
  return `i-${rng.hex(17)}`;
}
