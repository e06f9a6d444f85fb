/**
 * The long run of issue 9: a cluster of ~1,000 tasks under a daily load cycle with faults (crashed
 * tasks, lost instances, AZ outages, load spikes, scale changes) for a simulated week. Shared by
 * `scripts/long-run.ts` (the bench figure: wall time, heap) and tests/long-run (boundedness of every
 * growing structure, checked on a shorter run). Pure simulation; the caller measures.
 */
import {
  MAX_EVENTS,
  STEP_MS,
  advance,
  applyCommand,
  createSimulation,
  traffic,
  type SimCommand,
  type SimState,
} from '../src/sim/index.ts';
import { COST_HISTORY_LIMIT } from '../src/sim/cost/meter.ts';

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface LongRunOptions {
  /** RUNNING tasks to aim for at the daily mean load (default 1,000). */
  readonly tasks?: number;
  /** Simulated duration in ms (default one week). */
  readonly durationMs?: number;
  readonly seed?: number;
  /** Called every `sampleEveryMs` of simulated time with the state (default hourly). */
  readonly onSample?: (s: SimState) => void;
  readonly sampleEveryMs?: number;
}

/** Sizes of everything that could grow without bound over a long session. */
export interface StructureSizes {
  readonly tasks: number;
  readonly liveTasks: number;
  readonly instances: number;
  readonly events: number;
  readonly taskDefinitions: number;
  readonly deployments: number;
  readonly maxTaskHistory: number;
  readonly metricDatapoints: number;
  readonly maxMetricStream: number;
  readonly scalingActivities: number;
  /** Targets registered in every target group (draining ones included). */
  readonly targets: number;
  /** Per-task traffic entries and failing-task marks. */
  readonly taskTraffic: number;
  /** Samples of the cost meter's cumulative series (one per simulated minute, 6 h kept). */
  readonly costSamples: number;
  /** Hosts with an image layer cache (terminated hosts' caches are dropped). */
  readonly layerCacheHosts: number;
}

function must(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(`long run: ${c.type} refused: ${r.error}`);
  return r.state;
}

/** Counts items in every `{ capacity, items }` ring under `value`; returns [total, largest]. */
function ringSizes(value: unknown): [number, number] {
  let total = 0;
  let largest = 0;
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    const r = v as { capacity?: unknown; items?: unknown };
    if (typeof r.capacity === 'number' && Array.isArray(r.items)) {
      total += r.items.length;
      largest = Math.max(largest, r.items.length);
      return;
    }
    for (const x of Object.values(v)) walk(x);
  };
  walk(value);
  return [total, largest];
}

export function structureSizes(s: SimState): StructureSizes {
  const tasks = Object.values(s.tasks);
  const [metricDatapoints, maxMetricStream] = ringSizes(s.traffic?.metrics);
  const tr = s.traffic;
  return {
    tasks: tasks.length,
    liveTasks: tasks.filter((t) => t.lastStatus !== 'STOPPED').length,
    instances: Object.keys(s.instances).length,
    events: s.events.length,
    taskDefinitions: Object.keys(s.taskDefinitions).length,
    deployments: Object.values(s.services).reduce((n, svc) => n + svc.deployments.length, 0),
    maxTaskHistory: tasks.reduce((n, t) => Math.max(n, t.history.length), 0),
    metricDatapoints,
    maxMetricStream,
    scalingActivities: tr?.activities.length ?? 0,
    targets: tr
      ? Object.values(tr.loadBalancers).reduce(
          (n, lb) =>
            n +
            Object.values(lb.targetGroups).reduce((m, tg) => m + Object.keys(tg.targets).length, 0),
          0,
        )
      : 0,
    taskTraffic: tr
      ? Object.values(tr.routing).reduce((n, r) => n + r.running.length, 0) +
        Object.keys(tr.failingTasks).length
      : 0,
    costSamples: s.cost?.history?.length ?? 0,
    layerCacheHosts: Object.keys(s.registry?.layerCache ?? {}).length,
  };
}

/** Upper bounds that must hold at every sample, whatever the run length. */
export function structureLimits(tasks: number): Record<keyof StructureSizes, number> {
  const services = Math.ceil(tasks / 100);
  return {
    // Live tasks plus STOPPED ones kept for an hour (churn: crashes, scale-in, deployments).
    tasks: tasks * 4,
    liveTasks: tasks * 2,
    instances: Math.ceil(tasks / 30) * 2 + 10,
    events: MAX_EVENTS,
    taskDefinitions: 4 + 7 * 24,
    deployments: services * 3,
    maxTaskHistory: 10,
    metricDatapoints: services * 16 * traffic.METRIC_HISTORY_MINUTES,
    maxMetricStream: traffic.METRIC_HISTORY_MINUTES,
    scalingActivities: traffic.MAX_ACTIVITIES,
    targets: tasks * 3,
    taskTraffic: tasks * 3,
    costSamples: COST_HISTORY_LIMIT,
    layerCacheHosts: Math.ceil(tasks / 30) * 2 + 10,
  };
}

/**
 * Builds the cluster: EC2 capacity for the EC2 services (bridge, dynamic ports) and Fargate
 * services (awsvpc), each behind the ALB with target tracking on CPU and a daily sine load.
 */
export function buildLongRunCluster(tasks: number, seed: number): SimState {
  let s = createSimulation({ seed });
  const services = Math.ceil(tasks / 100);
  const perService = Math.round(tasks / services);
  // 128 CPU per EC2 task: 30 per m5.xlarge; room for 2× the EC2 half at peak.
  const ec2Services = Math.ceil(services / 2);
  const instances = Math.ceil((ec2Services * perService * 2) / 30);
  for (let i = 0; i < instances; i++)
    s = must(s, {
      type: 'ADD_INSTANCE',
      instanceType: 'm5.xlarge',
      availabilityZone: AZS[i % 3] as string,
    });
  const container = (name: string) => ({
    name,
    image: 'nginx:latest',
    cpu: 128,
    memory: 256,
    essential: true,
    portMappings: [{ containerPort: 80, protocol: 'tcp' as const }],
    environment: [],
  });
  s = must(s, {
    type: 'REGISTER_TASK_DEFINITION',
    taskDefinition: {
      family: 'ec2-app',
      containerDefinitions: [container('app')],
      requiresCompatibilities: ['EC2'],
      networkMode: 'bridge',
      cpuArchitecture: 'X86_64',
      operatingSystemFamily: 'LINUX',
      placementConstraints: [],
    },
  });
  s = must(s, {
    type: 'REGISTER_TASK_DEFINITION',
    taskDefinition: {
      family: 'fargate-app',
      containerDefinitions: [{ ...container('app'), cpu: 0 }],
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: 256,
      memory: 512,
      cpuArchitecture: 'X86_64',
      operatingSystemFamily: 'LINUX',
      placementConstraints: [],
    },
  });
  s = advance(s, 10_000);
  for (let i = 0; i < services; i++) {
    const serviceName = `svc-${i}`;
    const fargate = i >= ec2Services;
    s = must(s, {
      type: 'CREATE_SERVICE',
      serviceName,
      taskDefinition: fargate ? 'fargate-app' : 'ec2-app',
      desiredCount: perService,
      launchType: fargate ? 'FARGATE' : 'EC2',
    });
    s = must(s, { type: 'ATTACH_LOAD_BALANCER', serviceName, loadBalancerName: `alb-${i % 3}` });
    s = must(s, {
      type: 'REGISTER_SCALABLE_TARGET',
      serviceName,
      minCapacity: Math.round(perService / 2),
      maxCapacity: perService * 2,
    });
    s = must(s, {
      type: 'PUT_SCALING_POLICY',
      serviceName,
      policyName: 'cpu70',
      targetTracking: { predefinedMetricType: 'ECSServiceAverageCPUUtilization', targetValue: 70 },
    });
    // A daily cycle around the load that keeps perService tasks near 70 % CPU.
    s = must(s, {
      type: 'SET_LOAD',
      serviceName,
      load: {
        kind: 'sine',
        mean: perService * 8,
        amplitude: perService * 4,
        periodSeconds: 86_400,
      },
    });
  }
  return s;
}

/** The fault/load schedule: which command(s) to apply at simulated hour `h` (deterministic). */
function hourlyChaos(s: SimState, h: number): SimCommand[] {
  const services = Object.keys(s.services).sort();
  const out: SimCommand[] = [];
  const svc = services[h % services.length] as string;
  const live = Object.values(s.tasks)
    .filter((t) => t.lastStatus === 'RUNNING')
    .map((t) => t.id)
    .sort();
  // Every hour: crash a few tasks.
  for (let k = 0; k < 3 && live.length; k++)
    out.push({ type: 'CRASH_TASK', taskId: live[(h * 7919 + k * 104729) % live.length] as string });
  // Every 6 h: terminate an instance and launch a replacement.
  if (h % 6 === 3) {
    const inst = Object.values(s.instances)
      .filter((i) => i.status === 'ACTIVE')
      .map((i) => i.id)
      .sort();
    const victim = inst[h % Math.max(1, inst.length)];
    if (victim) {
      const az = s.instances[victim]?.availabilityZone ?? 'us-east-1a';
      out.push({ type: 'TERMINATE_INSTANCE', instanceId: victim });
      out.push({ type: 'ADD_INSTANCE', instanceType: 'm5.xlarge', availabilityZone: az });
    }
  }
  // Every day at 10:00: a 20-minute AZ outage; restored at 10:20 (next hour's commands run at 11:00,
  // so the restore is scheduled by the runner below).
  if (h % 24 === 10)
    out.push({ type: 'AZ_OUTAGE', availabilityZone: AZS[((h / 24) % 3) | 0] as string });
  // Every 8 h: a traffic spike on one service; every 12 h: a new revision rolled out.
  if (h % 8 === 5)
    out.push({
      type: 'SET_LOAD',
      serviceName: svc,
      load: { kind: 'spike', base: 400, peak: 1600, startSeconds: 60, durationSeconds: 900 },
    });
  if (h % 8 === 7)
    out.push({
      type: 'SET_LOAD',
      serviceName: svc,
      load: { kind: 'sine', mean: 800, amplitude: 400, periodSeconds: 86_400 },
    });
  if (h % 12 === 2)
    out.push({ type: 'UPDATE_SERVICE', serviceName: svc, forceNewDeployment: true });
  return out;
}

/** Runs the long run; returns the final state. Applies commands that AWS would refuse silently. */
export function longRun(options: LongRunOptions = {}): SimState {
  const tasks = options.tasks ?? 1000;
  const duration = options.durationMs ?? 7 * DAY;
  const sampleEvery = options.sampleEveryMs ?? HOUR;
  let s = buildLongRunCluster(tasks, options.seed ?? 7);
  const perAz = new Map<string, number>();
  for (const i of Object.values(s.instances))
    perAz.set(i.availabilityZone, (perAz.get(i.availabilityZone) ?? 0) + 1);
  const start = s.now;
  let nextSample = start;
  let outageUntil: number | undefined;
  let outageAz: string | undefined;
  for (let h = 0; s.now - start < duration; h++) {
    for (const c of hourlyChaos(s, h)) {
      const r = applyCommand(s, c);
      s = r.state;
      if (c.type === 'AZ_OUTAGE' && !r.error) {
        outageUntil = s.now + 20 * 60_000;
        outageAz = c.availabilityZone;
      }
    }
    const hourEnd = Math.min(start + duration, start + (h + 1) * HOUR);
    while (s.now < hourEnd) {
      const stepTo = Math.min(hourEnd, outageUntil ?? Infinity, nextSample);
      const ms = Math.max(STEP_MS, stepTo - s.now);
      s = advance(s, ms);
      if (outageUntil !== undefined && s.now >= outageUntil && outageAz) {
        s = applyCommand(s, { type: 'AZ_RESTORE', availabilityZone: outageAz }).state;
        // The outage lost the AZ's instances: launch replacements, as an Auto Scaling group would.
        const az = outageAz;
        const have = Object.values(s.instances).filter(
          (i) => i.availabilityZone === az && i.status !== 'INACTIVE',
        ).length;
        for (let k = have; k < (perAz.get(az) ?? 0); k++)
          s = applyCommand(s, {
            type: 'ADD_INSTANCE',
            instanceType: 'm5.xlarge',
            availabilityZone: az,
          }).state;
        outageUntil = undefined;
      }
      if (s.now >= nextSample) {
        options.onSample?.(s);
        nextSample += sampleEvery;
      }
    }
  }
  return s;
}
