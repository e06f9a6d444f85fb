/**
 * The traffic part of one simulation step (called by `advance` before the task lifecycle runs):
 *
 *  1. capacity providers: booted instances register, drained scale-in instances terminate;
 *  2. ECS replaces RUNNING tasks whose target failed ALB health checks after the service's
 *     healthCheckGracePeriodSeconds (reference E6);
 *  3. the ALB: RUNNING tasks register, stopping tasks deregister and stay DEACTIVATING for the
 *     deregistration delay (A7.1, A7.3), health checks run (E5), the step's requests are routed;
 *  4. utilisation per task and per service, recorded as CloudWatch samples (1-minute datapoints);
 *  5. on each minute boundary: alarms → Application Auto Scaling → desiredCount (A6), and
 *     capacity provider managed scaling → instances launched or drained and terminated (A5.4).
 *
 * Runs only when SimState.traffic exists. Mutates only the Draft.
 */
import { isLive, type Draft } from '../draft.ts';
import { addInstance, drainInstance, terminateInstance } from '../instance-ops.ts';
import type { Service, Task } from '../model.ts';
import { STEP_MS } from '../model.ts';
import { taskRequirements } from '../resources.ts';
import { reconcileService } from '../service-scheduler.ts';
import { requestStop } from '../task-ops.ts';
import { stepAlb, type AlbInputs, type LoadBalancer } from './alb.ts';
import { lbDimension, tgDimension } from './apply-traffic-command.ts';
import { evaluateScaling, type ScalingActivity, type ScalingState } from './autoscaling.ts';
import {
  estimateInstances,
  evaluateManagedScaling,
  type AsgInstance,
} from './capacity-provider.ts';
import { requestsInStep, sampleRps } from './load.ts';
import { containerInstanceCountKey, serviceSamples, targetGroupSamples } from './metric-samples.ts';
import { PERIOD_MS, recordSamples } from './metrics.ts';
import {
  MAX_ACTIVITIES,
  type AsgProvider,
  type ServiceLoad,
  type ServiceTrafficStats,
  type TaskTraffic,
  type TrafficState,
} from './state.ts';
import type { ProbeResult } from './target-group.ts';
import { DEFAULT_APP_PROFILE, taskUtilization } from './utilization.ts';
import { INSTANCE_TYPES, registeredCpuUnits, registeredMemoryMiB } from '../instance-types.ts';

const PENDING_LIKE: ReadonlySet<string> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);
const FAILING_PROBE: ProbeResult = { kind: 'code', code: 503 };

/**
 * Sorted task lists per service, memoised by the (immutable) tasks record: in a steady step the
 * record is the previous step's, so the lists are reused. Pure memoisation; never observable.
 */
const taskLists = new WeakMap<object, Map<string, readonly Task[]>>();

/**
 * The same lists inside one multi-step advance once the draft has written tasks: valid until its
 * next task or instance write (a steady step under load writes none). Pure memoisation.
 */
const draftTaskLists = new WeakMap<Draft, { writes: number; lists: Map<string, readonly Task[]> }>();

function serviceTaskList(d: Draft, name: string): readonly Task[] {
  // Only an input state's record is immutable; a record this draft copied is still being written.
  let byService = d.tasksUnchanged ? taskLists.get(d.tasks) : undefined;
  if (!byService && d.tasksUnchanged) taskLists.set(d.tasks, (byService = new Map()));
  if (!d.tasksUnchanged) {
    let entry = draftTaskLists.get(d);
    if (!entry || entry.writes !== d.taskOrInstanceWrites) {
      entry = { writes: d.taskOrInstanceWrites, lists: new Map() };
      draftTaskLists.set(d, entry);
    }
    byService = entry.lists;
  }
  const cached = byService?.get(name);
  if (cached) return cached;
  const ids = d.index().ofService.get(name);
  const out: Task[] = [];
  if (ids) {
    for (const id of ids) {
      const t = d.tasks[id];
      if (t) out.push(t);
    }
    // Set order follows insertion; sort so every run visits tasks in the same order.
    out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  byService?.set(name, out);
  return out;
}

/**
 * Tasks not yet STOPPED per container instance. A draining task still holds its instance, so
 * managed termination protection keeps the instance until it has stopped (A5.4).
 */
function tasksPerInstance(d: Draft): Map<string, number> {
  const out = new Map<string, number>();
  for (const id in d.tasks) {
    const t = d.tasks[id]!;
    if (t.containerInstanceId && t.lastStatus !== 'STOPPED')
      out.set(t.containerInstanceId, (out.get(t.containerInstanceId) ?? 0) + 1);
  }
  return out;
}

/** Step 1: instance launches that finished, scale-in instances that are empty. */
function stepAsgs(d: Draft, tr: TrafficState): TrafficState {
  let providers: Record<string, AsgProvider> | undefined;
  for (const name of Object.keys(tr.capacityProviders).sort()) {
    let asg = tr.capacityProviders[name] as AsgProvider;
    const before = asg;
    const due = asg.launching.filter((at) => at <= d.now);
    if (due.length > 0) {
      const ids: string[] = [...asg.instanceIds];
      for (let i = 0; i < due.length; i++) {
        const known = new Set(Object.keys(d.instances));
        const err = addInstance(d, asg.instanceType);
        if (err) {
          d.pushEvent(
            'instance',
            asg.autoScalingGroupName,
            `Launching a new EC2 instance failed: ${err}`,
          );
          continue;
        }
        const id = Object.keys(d.instances).find((k) => !known.has(k));
        if (id === undefined) continue;
        ids.push(id);
        const inst = d.instances[id]!;
        // EC2 Auto Scaling activity description [EC2 Auto Scaling activity history].
        d.pushEvent('instance', id, `Launching a new EC2 instance: ${inst.ec2InstanceId}`);
      }
      asg = { ...asg, launching: asg.launching.filter((at) => at > d.now), instanceIds: ids };
    }
    if (asg.terminating.length > 0 || asg.instanceIds.some((id) => !d.instances[id])) {
      const held = asg.terminating.length > 0 ? tasksPerInstance(d) : new Map<string, number>();
      const terminating: string[] = [];
      for (const id of asg.terminating) {
        const inst = d.instances[id];
        if (!inst || inst.status === 'INACTIVE') continue;
        if ((held.get(id) ?? 0) > 0) {
          terminating.push(id);
          continue;
        }
        d.pushEvent('instance', id, `Terminating EC2 instance: ${inst.ec2InstanceId}`);
        terminateInstance(d, inst);
      }
      const instanceIds = asg.instanceIds.filter(
        (id) => d.instances[id] !== undefined && d.instances[id]!.status !== 'INACTIVE',
      );
      asg = { ...asg, terminating, instanceIds };
    }
    if (asg !== before) (providers ??= { ...tr.capacityProviders })[name] = asg;
  }
  return providers ? { ...tr, capacityProviders: providers } : tr;
}

/** Step 2 (E6): replace RUNNING tasks whose targets are unhealthy past the grace period. */
function replaceUnhealthy(d: Draft, tr: TrafficState): void {
  for (const svcName of Object.keys(tr.serviceLoadBalancers).sort()) {
    const b = tr.serviceLoadBalancers[svcName]!;
    const tg = tr.loadBalancers[b.loadBalancerName]?.targetGroups[b.targetGroupName];
    const svc = d.services[svcName];
    if (!tg || !svc || svc.status !== 'ACTIVE') continue;
    const stopped: string[] = [];
    const unhealthy: string[] = [];
    for (const id in tg.targets) if (tg.targets[id]!.state === 'unhealthy') unhealthy.push(id);
    for (const id of unhealthy.sort()) {
      const t = d.tasks[id];
      if (!t || t.lastStatus !== 'RUNNING' || t.desiredStatus === 'STOPPED') continue;
      // ECS ignores ELB health checks until healthCheckGracePeriodSeconds after the task started (E6).
      if (d.now < (t.startedAt ?? t.createdAt) + svc.healthCheckGracePeriodSeconds * 1000) continue;
      // stoppedReason as ECS reports it [ECS-DG stopped-task-errors]; no launch throttling (E6).
      requestStop(
        d,
        t,
        'ServiceSchedulerInitiated',
        `Task failed ELB health checks in (target-group ${tg.arn})`,
      );
      stopped.push(id);
    }
    if (stopped.length) {
      d.pushEvent(
        'service',
        svcName,
        `(service ${svcName}) has stopped ${stopped.length} running tasks: ${stopped.map((id) => `(task ${id})`).join(' ')}.`,
      );
    }
  }
}

interface LbResult {
  readonly alb: LoadBalancer;
  readonly perTargetRps: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly unrouted: Readonly<Record<string, number>>;
  readonly requests: Readonly<Record<string, number>>;
}

/** Step 3: one ALB step per load balancer; returns new loads (carries) and per-LB results. */
function stepLoadBalancers(
  d: Draft,
  tr: TrafficState,
): {
  loadBalancers: Record<string, LoadBalancer>;
  loads: Record<string, ServiceLoad>;
  results: Record<string, LbResult>;
} {
  const loads: Record<string, ServiceLoad> = { ...tr.loads };
  const loadBalancers: Record<string, LoadBalancer> = {};
  const results: Record<string, LbResult> = {};
  const failing = tr.failingTasks;
  const anyFailing = Object.keys(failing).length > 0;
  for (const lbName of Object.keys(tr.loadBalancers).sort()) {
    const lb = tr.loadBalancers[lbName]!;
    const register: { targetGroup: string; taskId: string; port: number; instanceId?: string }[] =
      [];
    const deregister: { targetGroup: string; taskId: string }[] = [];
    const probes: Record<string, ProbeResult> = {};
    const requests: Record<string, number> = {};
    let latencyMs: Record<string, number> | undefined;
    for (const tgName of Object.keys(lb.targetGroups).sort()) {
      const tg = lb.targetGroups[tgName]!;
      const svcName = tg.serviceName;
      for (const t of serviceTaskList(d, svcName)) {
        if (t.lastStatus === 'RUNNING' && t.desiredStatus !== 'STOPPED' && !tg.targets[t.id]) {
          const inst = t.containerInstanceId ? d.instances[t.containerInstanceId] : undefined;
          register.push({
            targetGroup: tgName,
            taskId: t.id,
            port: tg.port,
            ...(tg.targetType === 'instance' && inst ? { instanceId: inst.ec2InstanceId } : {}),
          });
        }
      }
      for (const id in tg.targets) {
        const target = tg.targets[id]!;
        if (target.state === 'draining') continue;
        const t = d.tasks[id];
        if (!t || t.lastStatus !== 'RUNNING' || t.desiredStatus === 'STOPPED') {
          deregister.push({ targetGroup: tgName, taskId: id });
        } else if (anyFailing && failing[id]) probes[id] = FAILING_PROBE;
      }
      const load = tr.loads[svcName];
      if (load) {
        const [rps, rng] = sampleRps(load.profile, d.now - load.since, d.rng.state);
        d.rng.state = rng;
        const r = requestsInStep(rps, STEP_MS, load.carry);
        requests[tgName] = r.requests;
        loads[svcName] = { ...load, carry: r.carry };
      }
      if (tg.algorithm === 'least_outstanding_requests') {
        latencyMs ??= {};
        for (const id in tg.targets) {
          const tt = tr.taskTraffic[id];
          if (tt) latencyMs[id] = tt.latencyMs;
        }
      }
    }
    const inputs: AlbInputs = {
      now: d.now,
      register,
      deregister,
      probes,
      requests,
      ...(latencyMs ? { latencyMs } : {}),
    };
    const r = stepAlb(lb, inputs, STEP_MS);
    for (const e of r.events) d.pushEvent(e.kind, e.subject, e.message);
    // A stopping task stays DEACTIVATING until its target has drained (A7.1, A7.3).
    for (const dr of deregister) {
      const target = r.alb.targetGroups[dr.targetGroup]?.targets[dr.taskId];
      const t = d.tasks[dr.taskId];
      if (
        target?.drainingUntil !== undefined &&
        t?.lastStatus === 'DEACTIVATING' &&
        t.nextTransitionAt !== undefined &&
        t.nextTransitionAt < target.drainingUntil
      ) {
        d.setTask({ ...t, nextTransitionAt: target.drainingUntil });
      }
    }
    loadBalancers[lbName] = r.alb;
    results[lbName] = { alb: r.alb, perTargetRps: r.perTargetRps, unrouted: r.unrouted, requests };
  }
  return { loadBalancers, loads, results };
}

/** Step 4: utilisation and CloudWatch samples of every load-balanced or scalable service. */
function measure(
  d: Draft,
  tr: TrafficState,
  results: Readonly<Record<string, LbResult>>,
): Pick<TrafficState, 'metrics' | 'stats' | 'taskTraffic'> {
  const names = new Set([...Object.keys(tr.serviceLoadBalancers), ...Object.keys(tr.scaling)]);
  const samples: Record<string, number> = {};
  const stats: Record<string, ServiceTrafficStats> = {};
  const taskTraffic: Record<string, TaskTraffic> = {};
  const cluster = d.cluster.clusterName;
  for (const name of [...names].sort()) {
    const svc = d.services[name];
    if (!svc || svc.status === 'INACTIVE') continue;
    const b = tr.serviceLoadBalancers[name];
    const res = b ? results[b.loadBalancerName] : undefined;
    const tg = b ? res?.alb.targetGroups[b.targetGroupName] : undefined;
    const rates = b ? res?.perTargetRps[b.targetGroupName] : undefined;
    const app = tr.apps[name] ?? DEFAULT_APP_PROFILE;
    let running = 0;
    let pending = 0;
    let cpuUsed = 0;
    let cpuRes = 0;
    let memUsed = 0;
    let memRes = 0;
    let served = 0;
    let errors = 0;
    let latW = 0;
    // Tasks of a service mostly share size and offered rate (round robin): the utilisation and the
    // per-task record are computed once per distinct input (pure function; same numbers, same order).
    let memo: { cpu: number; memory: number; rps: number; failing: boolean } | undefined;
    let memoU: ReturnType<typeof taskUtilization> | undefined;
    let memoTraffic: TaskTraffic | undefined;
    for (const t of serviceTaskList(d, name)) {
      if (PENDING_LIKE.has(t.lastStatus)) pending++;
      if (t.lastStatus !== 'RUNNING') continue;
      running++;
      const rps = rates?.[t.id] ?? 0;
      const failing = tr.failingTasks[t.id] === true;
      let u = memoU;
      if (
        u === undefined ||
        memo === undefined ||
        memo.cpu !== t.cpu ||
        memo.memory !== t.memory ||
        memo.rps !== rps ||
        memo.failing !== failing
      ) {
        u = taskUtilization(
          {
            taskId: t.id,
            serviceName: name,
            cpu: t.cpu,
            memory: t.memory,
            rps,
            ...(failing ? { failing: true } : {}),
          },
          app,
        );
        memo = { cpu: t.cpu, memory: t.memory, rps, failing };
        memoU = u;
        memoTraffic = undefined;
      }
      cpuUsed += u.cpuUnitsUsed;
      cpuRes += t.cpu;
      memUsed += u.memoryMiBUsed;
      memRes += t.memory;
      served += u.servedRps;
      errors += u.errorRps;
      latW += u.latencyMs * u.servedRps;
      if (b)
        taskTraffic[t.id] = memoTraffic ??= {
          rps,
          cpuPercent: u.cpuPercent,
          latencyMs: u.latencyMs,
        };
    }
    const util =
      running > 0
        ? {
            serviceName: name,
            taskCount: running,
            // A5.7: CPU units used × 100 / (CPU units reserved × tasks).
            cpuPercent: cpuRes > 0 ? (cpuUsed * 100) / cpuRes : 0,
            memoryPercent: memRes > 0 ? (memUsed * 100) / memRes : 0,
            servedRps: served,
            errorRps: errors,
            latencyMs: served > 0 ? latW / served : 0,
          }
        : undefined;
    Object.assign(
      samples,
      serviceSamples(
        cluster,
        name,
        { desiredCount: svc.desiredCount, runningCount: running, pendingCount: pending },
        util,
      ),
    );
    let healthy = 0;
    let targets = 0;
    if (tg) {
      for (const id in tg.targets) {
        const s = tg.targets[id]!.state;
        if (s === 'draining') continue;
        targets++;
        if (s === 'healthy') healthy++;
      }
    }
    const requests = b ? (res?.requests[b.targetGroupName] ?? 0) : 0;
    const unrouted = b ? (res?.unrouted[b.targetGroupName] ?? 0) : 0;
    if (b && res && tg) {
      Object.assign(
        samples,
        targetGroupSamples(lbDimension(res.alb.arn), tgDimension(tg.arn), {
          requests,
          healthyTargets: healthy,
          routedTargets: rates ? Object.keys(rates).length : 0,
          errors5xx: Math.round(errors * (STEP_MS / 1000)),
          latencyMs: util?.latencyMs ?? 0,
        }),
      );
    }
    stats[name] = {
      offeredRps: (requests * 1000) / STEP_MS,
      servedRps: served,
      errorRps: errors,
      elb5xxRps: (unrouted * 1000) / STEP_MS,
      latencyMs: util?.latencyMs ?? 0,
      cpuPercent: util?.cpuPercent ?? 0,
      memoryPercent: util?.memoryPercent ?? 0,
      healthyTargets: healthy,
      targets,
    };
  }
  // Container Insights ContainerInstanceCount (for the instance-count chart), when the cluster has EC2.
  if (Object.keys(tr.capacityProviders).length > 0 || d.instanceIds().length > 0) {
    let instances = 0;
    for (const id of d.instanceIds()) if (d.instances[id]!.status !== 'INACTIVE') instances++;
    samples[containerInstanceCountKey(cluster)] = instances;
  }
  // The sample describes the second that just ended.
  const metrics = recordSamples(tr.metrics, d.now - STEP_MS, samples);
  return { metrics, stats, taskTraffic };
}

/** Step 5a: Application Auto Scaling for every scalable target, once a minute. */
function scaleServices(d: Draft, tr: TrafficState): TrafficState {
  let scaling: Record<string, ScalingState> | undefined;
  let activities: ScalingActivity[] | undefined;
  for (const name of Object.keys(tr.scaling).sort()) {
    const svc = d.services[name];
    if (!svc || svc.status !== 'ACTIVE') continue;
    // A6.1: scale-in is off while a deployment is in progress (an older deployment still has tasks).
    const deploymentInProgress = svc.deployments.some((dep) => dep.status === 'ACTIVE');
    const r = evaluateScaling(tr.scaling[name]!, tr.metrics, d.now, svc.desiredCount, {
      deploymentInProgress,
    });
    (scaling ??= { ...tr.scaling })[name] = r.state;
    if (r.newDesired === undefined || r.activity === undefined) continue;
    const a = r.activity;
    // DescribeScalingActivities Description and Cause (aws-cli example output), as one log line.
    d.pushEvent('scaling', name, `(service ${name}) ${a.description} Cause: ${a.cause}.`);
    (activities ??= [...tr.activities]).push(a);
    const next: Service = { ...svc, desiredCount: r.newDesired, steadyState: false };
    d.setService(next);
    reconcileService(d, name);
  }
  if (!scaling) return tr;
  return {
    ...tr,
    scaling,
    ...(activities ? { activities: activities.slice(-MAX_ACTIVITIES) } : {}),
  };
}

/** Tasks that services on this provider want but could not place (their shortfall). */
function waitingTasks(
  d: Draft,
  tr: TrafficState,
  provider: string,
): { cpu: number; memory: number }[] {
  const out: { cpu: number; memory: number }[] = [];
  for (const name of Object.keys(tr.strategies).sort()) {
    if (!tr.strategies[name]!.some((s) => s.capacityProvider === provider)) continue;
    const svc = d.services[name];
    const td = svc ? d.taskDefinitions[svc.taskDefinitionKey] : undefined;
    if (!svc || !td || svc.status !== 'ACTIVE') continue;
    const live = serviceTaskList(d, name).filter(isLive).length;
    const req = taskRequirements(td, 'EC2');
    for (let i = live; i < svc.desiredCount; i++) out.push({ cpu: req.cpu, memory: req.memory });
  }
  return out;
}

/** Step 5b: managed scaling of every capacity provider, once a minute (A5.4). */
function scaleProviders(d: Draft, tr: TrafficState): TrafficState {
  let providers: Record<string, AsgProvider> | undefined;
  const names = Object.keys(tr.capacityProviders).sort();
  const held = names.length > 0 ? tasksPerInstance(d) : new Map<string, number>();
  for (const name of names) {
    const asg = tr.capacityProviders[name]!;
    const info = INSTANCE_TYPES[asg.instanceType];
    if (!info) continue;
    const size = { cpu: registeredCpuUnits(info), memory: registeredMemoryMiB(info) };
    const members: AsgInstance[] = asg.instanceIds
      .filter((id) => !asg.terminating.includes(id))
      .map((id) => ({
        instanceId: id,
        launchedAt: (d.instances[id]?.registeredAt ?? d.now) - asg.launchSeconds * 1000,
        nonDaemonTasks: held.get(id) ?? 0,
      }));
    const needed = estimateInstances(waitingTasks(d, tr, name), size).count;
    const r = evaluateManagedScaling(asg.provider, members, needed, d.now);
    let next: AsgProvider = {
      ...asg,
      provider: r.state,
      ...(r.reservation === undefined ? {} : { reservation: r.reservation }),
    };
    const before = asg.provider.desiredCapacity;
    if (r.state.desiredCapacity !== before) {
      // EC2 Auto Scaling activity cause, as for the policy ECS manages (wording modelled on AWS's).
      d.pushEvent(
        'scaling',
        asg.autoScalingGroupName,
        `Auto Scaling group ${asg.autoScalingGroupName}: an alarm on CapacityProviderReservation (${(r.reservation ?? 0).toFixed(0)} %, target ${asg.provider.managedScaling.targetCapacity} %) triggered policy ECSManagedAutoScalingPolicy changing the desired capacity from ${before} to ${r.state.desiredCapacity}.`,
      );
    }
    if (r.launch > 0) {
      const at = d.now + asg.launchSeconds * 1000;
      next = {
        ...next,
        launching: [...next.launching, ...Array.from({ length: r.launch }, () => at)],
      };
    }
    if (r.terminate.length > 0) {
      for (const id of r.terminate) {
        const inst = d.instances[id];
        // Managed draining: ECS drains the instance before the group terminates it.
        if (inst && inst.status === 'ACTIVE') drainInstance(d, inst);
      }
      next = { ...next, terminating: [...next.terminating, ...r.terminate] };
    }
    (providers ??= { ...tr.capacityProviders })[name] = next;
  }
  return providers ? { ...tr, capacityProviders: providers } : tr;
}

/** Drops failing-task marks of tasks that are gone or stopped. */
function pruneFailing(d: Draft, tr: TrafficState): TrafficState {
  const ids = Object.keys(tr.failingTasks);
  if (ids.length === 0) return tr;
  const keep = ids.filter((id) => d.tasks[id] && d.tasks[id]!.lastStatus !== 'STOPPED');
  if (keep.length === ids.length) return tr;
  const failingTasks: Record<string, true> = {};
  for (const id of keep) failingTasks[id] = true;
  return { ...tr, failingTasks };
}

/** One traffic step at `d.now` (see the file comment). */
export function trafficStep(d: Draft): void {
  const tr0 = d.traffic;
  if (!tr0) return;
  let tr = stepAsgs(d, tr0);
  replaceUnhealthy(d, tr);
  const { loadBalancers, loads, results } = stepLoadBalancers(d, tr);
  tr = { ...tr, loadBalancers, loads };
  tr = { ...tr, ...measure(d, tr, results) };
  if (d.now % PERIOD_MS === 0) {
    tr = scaleServices(d, tr);
    tr = scaleProviders(d, tr);
  }
  tr = pruneFailing(d, tr);
  d.setTraffic(tr);
}
