/**
 * EKS on Fargate pod sizing and profile matching [EKS-UG nodes/fargate-pod-configuration,
 * nodes/fargate-profile; reference B10 and E4].
 */
import type { Labels, PodSpec } from './objects.ts';
import type { FargateProfile } from './model.ts';
import { MI } from './quantity.ts';

/** Valid Fargate vCPU rows with their memory options in MiB (same table as ECS task sizes, A1.2). */
export const FARGATE_ROWS: readonly {
  readonly vcpu: number;
  readonly memoryMiB: readonly number[];
}[] = [
  { vcpu: 0.25, memoryMiB: [512, 1024, 2048] },
  { vcpu: 0.5, memoryMiB: range(1, 4, 1) },
  { vcpu: 1, memoryMiB: range(2, 8, 1) },
  { vcpu: 2, memoryMiB: range(4, 16, 1) },
  { vcpu: 4, memoryMiB: range(8, 30, 1) },
  { vcpu: 8, memoryMiB: range(16, 60, 4) },
  { vcpu: 16, memoryMiB: range(32, 120, 8) },
];

function range(fromGiB: number, toGiB: number, step: number): number[] {
  const out: number[] = [];
  for (let g = fromGiB; g <= toGiB; g += step) out.push(g * 1024);
  return out;
}

/** Memory Fargate adds for kubelet, kube-proxy and containerd [EKS-UG fargate-pod-configuration]. */
export const FARGATE_OVERHEAD_MIB = 256;

export interface FargateSize {
  readonly vcpu: number;
  readonly memoryMiB: number;
}

/**
 * Pure: the Fargate size AWS provisions for a pod, or undefined when no row is large enough.
 * Request = max(largest init container, sum of app containers) per resource; +256 MiB memory;
 * rounded up to the smallest table row that fits both. No requests at all → 0.25 vCPU / 0.5 GB.
 * Example from AWS: 1 vCPU + 8 GB → 8.25 GB → 2 vCPU / 9 GB.
 */
export function fargatePodSize(spec: PodSpec): FargateSize | undefined {
  const req = (c: PodSpec['containers'][number]): { cpu: number; mem: number } => ({
    cpu: c.resources?.requests?.cpu ?? 0,
    mem: c.resources?.requests?.memory ?? 0,
  });
  const app = spec.containers
    .map(req)
    .reduce((a, b) => ({ cpu: a.cpu + b.cpu, mem: a.mem + b.mem }), { cpu: 0, mem: 0 });
  const init = (spec.initContainers ?? []).map(req);
  const cpuMilli = Math.max(app.cpu, ...init.map((i) => i.cpu));
  const memBytes = Math.max(app.mem, ...init.map((i) => i.mem));
  if (cpuMilli === 0 && memBytes === 0) return { vcpu: 0.25, memoryMiB: 512 };
  const memMiB = memBytes / MI + FARGATE_OVERHEAD_MIB;
  for (const row of FARGATE_ROWS) {
    if (row.vcpu * 1000 < cpuMilli) continue;
    const m = row.memoryMiB.find((opt) => opt >= memMiB);
    if (m !== undefined) return { vcpu: row.vcpu, memoryMiB: m };
  }
  return undefined;
}

/** Pure: the annotation value AWS writes, e.g. "0.25vCPU 0.5GB" or "2vCPU 9GB". */
export function formatCapacityProvisioned(size: FargateSize): string {
  return `${size.vcpu}vCPU ${size.memoryMiB / 1024}GB`;
}

/** `*` and `?` wildcards as Fargate profile selectors allow [EKS-UG fargate-profile]. */
function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(value);
}

/**
 * Pure: the Fargate profile a new pod lands on, or undefined. A selector matches when the namespace
 * matches and all its labels match; several matching profiles → first by name, alphabetically, unless
 * the pod pins one with label `eks.amazonaws.com/fargate-profile` [EKS-UG fargate-profile].
 */
export function matchFargateProfile(
  profiles: readonly FargateProfile[],
  namespace: string,
  labels: Labels,
): FargateProfile | undefined {
  const pinned = labels['eks.amazonaws.com/fargate-profile'];
  const matching = profiles
    .filter((p) => p.status === 'ACTIVE' && (pinned === undefined || p.name === pinned))
    .filter((p) =>
      p.selectors.some(
        (s) =>
          wildcard(s.namespace, namespace) &&
          Object.entries(s.labels ?? {}).every(
            ([k, v]) => labels[k] !== undefined && wildcard(v, labels[k] as string),
          ),
      ),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return matching[0];
}
