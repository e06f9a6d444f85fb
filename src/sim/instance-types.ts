/**
 * EC2 instance types the simulator offers, with EC2 DescribeInstanceTypes data
 * (reference A5.6, source EC2-DATA). ECS registers 1024 CPU units per vCPU [ECS-DG].
 */

export interface InstanceTypeInfo {
  readonly name: string;
  readonly architecture: 'x86_64' | 'arm64';
  readonly vcpu: number;
  /** Nominal memory in MiB as EC2 reports it. */
  readonly memoryMiB: number;
  readonly maxEnis: number;
  readonly ipv4PerEni: number;
  readonly burstable: boolean;
}

export const INSTANCE_TYPES: Readonly<Record<string, InstanceTypeInfo>> = {
  't3.micro': {
    name: 't3.micro',
    architecture: 'x86_64',
    vcpu: 2,
    memoryMiB: 1024,
    maxEnis: 2,
    ipv4PerEni: 2,
    burstable: true,
  },
  't3.small': {
    name: 't3.small',
    architecture: 'x86_64',
    vcpu: 2,
    memoryMiB: 2048,
    maxEnis: 3,
    ipv4PerEni: 4,
    burstable: true,
  },
  't3.medium': {
    name: 't3.medium',
    architecture: 'x86_64',
    vcpu: 2,
    memoryMiB: 4096,
    maxEnis: 3,
    ipv4PerEni: 6,
    burstable: true,
  },
  't3.large': {
    name: 't3.large',
    architecture: 'x86_64',
    vcpu: 2,
    memoryMiB: 8192,
    maxEnis: 3,
    ipv4PerEni: 12,
    burstable: true,
  },
  'm5.large': {
    name: 'm5.large',
    architecture: 'x86_64',
    vcpu: 2,
    memoryMiB: 8192,
    maxEnis: 3,
    ipv4PerEni: 10,
    burstable: false,
  },
  'm5.xlarge': {
    name: 'm5.xlarge',
    architecture: 'x86_64',
    vcpu: 4,
    memoryMiB: 16384,
    maxEnis: 4,
    ipv4PerEni: 15,
    burstable: false,
  },
  'c5.large': {
    name: 'c5.large',
    architecture: 'x86_64',
    vcpu: 2,
    memoryMiB: 4096,
    maxEnis: 3,
    ipv4PerEni: 10,
    burstable: false,
  },
  'c5.xlarge': {
    name: 'c5.xlarge',
    architecture: 'x86_64',
    vcpu: 4,
    memoryMiB: 8192,
    maxEnis: 4,
    ipv4PerEni: 15,
    burstable: false,
  },
  'r5.large': {
    name: 'r5.large',
    architecture: 'x86_64',
    vcpu: 2,
    memoryMiB: 16384,
    maxEnis: 3,
    ipv4PerEni: 10,
    burstable: false,
  },
  'm6g.large': {
    name: 'm6g.large',
    architecture: 'arm64',
    vcpu: 2,
    memoryMiB: 8192,
    maxEnis: 3,
    ipv4PerEni: 10,
    burstable: false,
  },
};

/** ECS CPU units registered for an instance type: 1024 per vCPU [ECS-DG memory-management]. */
export function registeredCpuUnits(type: InstanceTypeInfo): number {
  return type.vcpu * 1024;
}

/**
 * Memory (MiB) the ECS agent registers. AWS documents only examples (m4.large 8192 → 7985 MiB,
 * c4.large 3840 → 3768 MiB: the OS keeps some); we follow reference A5.1's heuristic and subtract
 * ~2.5 % rounded down to a whole MiB (UNVERIFIED model, configurable here in one place).
 */
export function registeredMemoryMiB(type: InstanceTypeInfo): number {
  return Math.floor(type.memoryMiB * 0.975);
}

/** Maximum awsvpc tasks without ENI trunking: one ENI per task, the primary ENI is the instance's (A5.6, derived). */
export function awsvpcTaskLimit(type: InstanceTypeInfo): number {
  return type.maxEnis - 1;
}

/** EKS max pods with the VPC CNI: ENIs × (IPv4 per ENI − 1) + 2 [EKS-UG choosing-instance-type]. */
export function eksMaxPods(type: InstanceTypeInfo): number {
  return type.maxEnis * (type.ipv4PerEni - 1) + 2;
}
