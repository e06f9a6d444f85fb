/**
 * The ECS service scheduler for REPLICA services: one `reconcileService` pass per scheduler tick.
 * It keeps desiredCount tasks (self-healing), replaces tasks of old deployments and of DRAINING
 * instances within minimumHealthyPercent/maximumPercent (reference A3.3 loop, A5.2), scales in by
 * the A4.1 rule, trips the circuit breaker (A3.4), and writes the service events of A3.6.
 */
import { circuitBreakerThreshold, maximumTasks, minimumHealthyTasks } from './deployment-math.ts';
import { isLive, type Draft } from './draft.ts';
import { newDeploymentId } from './ids.ts';
import type { Deployment, Service, Task } from './model.ts';
import { BatchPlacer, placeOnFargate } from './placement.ts';
import { taskRequirements } from './resources.ts';
import { createTask, requestStop } from './task-ops.ts';
import { deploymentHealth } from './deployment-health.ts';

const TROUBLESHOOTING =
  'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';

/** "(service X) has started 2 tasks: (task a) (task b)." [ECS-DG ECS_AWSCLI_Fargate] (A3.6) */
function startedMessage(name: string, ids: readonly string[]): string {
  return `(service ${name}) has started ${ids.length} tasks: ${ids.map((id) => `(task ${id})`).join(' ')}.`;
}

/** "(service X) has stopped 1 running tasks: (task a)." (A3.6, observed AWS output) */
function stoppedMessage(name: string, ids: readonly string[]): string {
  return `(service ${name}) has stopped ${ids.length} running tasks: ${ids.map((id) => `(task ${id})`).join(' ')}.`;
}

/** Starts up to `count` tasks of the PRIMARY deployment; stops at the first placement failure. */
function startTasks(d: Draft, svc: Service, dep: Deployment, count: number): number {
  const td = d.taskDefinitions[dep.taskDefinitionKey];
  if (!td || count <= 0) return 0;
  const req = taskRequirements(td, svc.launchType);
  const group = `service:${svc.serviceName}`;
  const label = `service ${svc.serviceName}`;
  const started: string[] = [];
  // One placer for the whole batch: the same answers as placeOnInstances per task (issue 8).
  const placer =
    svc.launchType === 'FARGATE'
      ? undefined
      : new BatchPlacer(d, {
          requirements: req,
          group,
          groupLabel: label,
          constraints: [...svc.placementConstraints, ...td.placementConstraints],
          strategies: svc.placementStrategy,
        });
  for (let i = 0; i < count; i++) {
    const placed = placer ? placer.place() : placeOnFargate(d, group, label);
    if (!placed.ok) {
      const msg =
        svc.launchType === 'FARGATE'
          ? `(service ${svc.serviceName}) was unable to place a task. Reason: ${placed.detail}.`
          : `(service ${svc.serviceName}) was unable to place a task because no container instance met all of its requirements.${placed.detail ? ' ' + placed.detail : ''} ${TROUBLESHOOTING}`;
      if (started.length)
        d.pushEvent('service', svc.serviceName, startedMessage(svc.serviceName, started));
      d.pushEvent('service', svc.serviceName, msg, true);
      return started.length;
    }
    const task = createTask(d, {
      td,
      key: dep.taskDefinitionKey,
      launchType: svc.launchType,
      requirements: req,
      group,
      startedBy: dep.id,
      serviceName: svc.serviceName,
      deploymentId: dep.id,
      ...(placed.instanceId ? { containerInstanceId: placed.instanceId } : {}),
      availabilityZone: placed.availabilityZone,
      placementReason: placed.reason,
    });
    started.push(task.id);
  }
  if (started.length)
    d.pushEvent('service', svc.serviceName, startedMessage(svc.serviceName, started));
  return started.length;
}

/**
 * Picks the next task to stop on scale-in (A4.1): tasks not yet RUNNING first; with a binpack
 * strategy the task whose instance would keep the most of that resource; otherwise the AZ with the
 * most tasks of the service, then the instance with the most, ties at random.
 */
function pickTaskToStop(d: Draft, svc: Service, cands: readonly Task[]): Task {
  const notRunning = cands.filter((t) => t.lastStatus !== 'RUNNING');
  if (notRunning.length) return notRunning[notRunning.length - 1] as Task;
  const idx = d.index();
  const group = `service:${svc.serviceName}`;
  const binpack = svc.placementStrategy.find((s) => s.type === 'binpack');
  let score: (t: Task) => number;
  if (binpack && binpack.type === 'binpack') {
    score = (t) => {
      const inst = t.containerInstanceId ? d.instances[t.containerInstanceId] : undefined;
      if (!inst) return 0;
      return binpack.field === 'cpu' ? inst.remainingCpu + t.cpu : inst.remainingMemory + t.memory;
    };
  } else {
    score = (t) =>
      idx.countInAz(group, t.availabilityZone) * 1e6 +
      (t.containerInstanceId ? idx.countOnInstance(group, t.containerInstanceId) : 0);
  }
  const best = Math.max(...cands.map(score));
  const tied = cands.filter((t) => score(t) === best);
  return tied.length === 1 ? (tied[0] as Task) : d.rng.pick(tied);
}

function stopTasks(
  d: Draft,
  svc: Service,
  cands: Task[],
  count: number,
  primaryId: string,
): string[] {
  const stopped: string[] = [];
  const pool = [...cands];
  for (let i = 0; i < count && pool.length; i++) {
    const t = pickTaskToStop(d, svc, pool);
    pool.splice(pool.indexOf(t), 1);
    // [ECS-DG stopped-task-errors] "Scaling activity initiated by (deployment <id>)" (A2.2)
    requestStop(
      d,
      t,
      'ServiceSchedulerInitiated',
      `Scaling activity initiated by (deployment ${primaryId})`,
    );
    stopped.push(t.id);
  }
  return stopped;
}

/**
 * The service's non-STOPPED tasks, oldest first (ties by id; the list is cached by the index until
 * one of them is written). Never mutate it.
 */
function serviceTasks(d: Draft, name: string): readonly Task[] {
  return d.index().serviceTasks(name, d.tasks);
}

/** Circuit breaker (A3.4): FAILED at the threshold, optionally rolling back to the last COMPLETED deployment. */
function checkCircuitBreaker(d: Draft, svc: Service): Service {
  const primary = svc.deployments[0];
  const cb = svc.deploymentConfiguration.deploymentCircuitBreaker;
  if (!primary || !cb.enable || primary.rolloutState !== 'IN_PROGRESS') return svc;
  if (primary.failedTasks < circuitBreakerThreshold(svc.desiredCount)) return svc;
  const failed: Deployment = {
    ...primary,
    status: 'ACTIVE',
    rolloutState: 'FAILED',
    rolloutStateReason: 'ECS deployment circuit breaker: task failed to start.',
    updatedAt: d.now,
  };
  // Wording of this event is ours (AWS's console text for it is not in the reference).
  d.pushEvent(
    'deployment',
    svc.serviceName,
    `(service ${svc.serviceName}) (deployment ${primary.id}) deployment failed: tasks failed to start.`,
  );
  const target = svc.deployments.slice(1).find((dep) => dep.rolloutState === 'COMPLETED');
  if (!cb.rollback || !target) {
    return { ...svc, deployments: [{ ...failed, status: 'PRIMARY' }, ...svc.deployments.slice(1)] };
  }
  d.nextDeploymentNumber();
  const id = newDeploymentId(d.rng);
  const rollback: Deployment = {
    id,
    status: 'PRIMARY',
    taskDefinitionKey: target.taskDefinitionKey,
    desiredCount: svc.desiredCount,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${target.id}.`,
    createdAt: d.now,
    updatedAt: d.now,
    failedTasks: 0,
  };
  d.pushEvent(
    'deployment',
    svc.serviceName,
    `(service ${svc.serviceName}) rolling back to deployment ${target.id} (task definition ${target.taskDefinitionKey}).`,
  );
  return {
    ...svc,
    taskDefinitionKey: target.taskDefinitionKey,
    deployments: [
      rollback,
      failed,
      ...svc.deployments.slice(1).filter((dep) => dep.id !== target.id),
    ],
    launchBackoff: { consecutiveFailures: 0, nextAttemptAt: 0 },
  };
}

/** One scheduler pass over a service (see the file comment). Mutates only the draft. */
export function reconcileService(d: Draft, name: string): void {
  const initial = d.services[name];
  if (!initial || initial.status === 'INACTIVE') return;
  const svc = checkCircuitBreaker(d, initial);
  if (svc !== initial) d.setService(svc);
  const primary = svc.deployments[0] as Deployment;
  const all = serviceTasks(d, name);

  if (svc.status === 'DRAINING') {
    const live = all.filter(isLive);
    const stopped = stopTasks(d, svc, live, live.length, primary.id);
    if (stopped.length) d.pushEvent('service', name, stoppedMessage(name, stopped));
    if (serviceTasks(d, name).every((t) => !isLive(t)))
      d.setService({ ...svc, status: 'INACTIVE', steadyState: false });
    return;
  }

  const desired = svc.desiredCount;
  const cfg = svc.deploymentConfiguration;
  const minHealthy = minimumHealthyTasks(desired, cfg.minimumHealthyPercent);
  const maxTotal = maximumTasks(desired, cfg.maximumPercent);
  // Tasks on a DRAINING instance are replaced (A5.2); most ticks no instance is draining at all.
  const draining = d.anyDraining();
  const onDraining = (t: Task): boolean =>
    draining &&
    t.containerInstanceId !== undefined &&
    d.instances[t.containerInstanceId]?.status === 'DRAINING';
  // Keepers: live tasks of the PRIMARY deployment not on a DRAINING instance; the other live tasks
  // are outgoing. Counted here; the keepers are listed only when some must stop.
  const isKeeper = (t: Task): boolean => t.deploymentId === primary.id && !onDraining(t);
  let liveCount = 0;
  let keeperCount = 0;
  let outgoing: Task[] | undefined;
  for (const t of all) {
    if (!isLive(t)) continue;
    liveCount += 1;
    if (isKeeper(t)) keeperCount += 1;
    else (outgoing ??= []).push(t);
  }

  // 1) start new tasks while under the maximumPercent ceiling (A3.3 loop step 1).
  const canLaunch = primary.rolloutState !== 'FAILED' && d.now >= svc.launchBackoff.nextAttemptAt;
  const want = Math.min(maxTotal - liveCount, desired - keeperCount);
  const started = want > 0 && canLaunch ? startTasks(d, svc, primary, want) : 0;

  // 2) scale in: more PRIMARY tasks than desired are stopped at once (A4.1 scale-in rule).
  // (`all` is the list as the pass began: the index copies it before a write.)
  const stoppedIds: string[] = [];
  if (keeperCount > desired) {
    const keepers = all.filter((t) => isLive(t) && isKeeper(t));
    stoppedIds.push(...stopTasks(d, svc, keepers, keeperCount - desired, primary.id));
  }

  // 3) replace outgoing tasks: ones not yet RUNNING go at once (A5.2 "pending … stopped immediately");
  //    RUNNING ones only while healthy stays ≥ ceil(desired × min%) (A3.3 loop step 2).
  const notRunning = outgoing?.filter((t) => t.lastStatus !== 'RUNNING') ?? [];
  if (notRunning.length)
    stoppedIds.push(...stopTasks(d, svc, notRunning, notRunning.length, primary.id));
  const stoppedSet = stoppedIds.length ? new Set(stoppedIds) : undefined;
  // Healthy per the minimumHealthyPercent rules (behind a load balancer: its target is healthy).
  // The predicate is pure for a pass (the tasks looked at are the ones listed above), so each
  // task's answer is asked once here and reused below — and only when an outgoing task is RUNNING:
  // the count and keepersSettling decide nothing otherwise (no deployment or drain under way).
  const countedHealthy = deploymentHealth(d, name);
  const running = outgoing?.filter((t) => t.lastStatus === 'RUNNING') ?? [];
  let healthy = 0;
  let keepersSettling = false;
  if (running.length > 0) {
    for (const t of all) {
      if (!isLive(t)) continue;
      const h = countedHealthy(t);
      if (h && !stoppedSet?.has(t.id)) healthy += 1;
      if (!h && isKeeper(t)) keepersSettling = true;
    }
  }
  const unhealthyFirst = [
    ...running.filter((t) => !countedHealthy(t)),
    ...running.filter((t) => countedHealthy(t)),
  ];
  let stoppedOutgoingRunning = 0;
  for (const t of unhealthyFirst) {
    const isHealthy = countedHealthy(t);
    if (isHealthy && healthy - 1 < minHealthy) break;
    stoppedIds.push(...stopTasks(d, svc, [t], 1, primary.id));
    stoppedOutgoingRunning += 1;
    if (isHealthy) healthy -= 1;
  }
  if (stoppedIds.length) d.pushEvent('service', name, stoppedMessage(name, stoppedIds));

  // 4) stuck: nothing may start or stop and nothing is on its way (A3.3, [ECS-DG service-event-messages]).
  if (
    running.length > stoppedOutgoingRunning &&
    started === 0 &&
    stoppedOutgoingRunning === 0 &&
    !keepersSettling &&
    want <= 0
  ) {
    d.pushEvent(
      'service',
      name,
      `(service ${name}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`,
      true,
    );
  }

  finishDeployments(d, name);
}

/** Marks drained deployments INACTIVE, completes the rollout, and reports steady state (A3.1, A3.6). */
function finishDeployments(d: Draft, name: string): void {
  const svc = d.services[name] as Service;
  const tasks = serviceTasks(d, name);
  const primary = svc.deployments[0] as Deployment;
  // One walk over the tasks for every count below (a pass runs every tick for each busy service).
  let others = 0;
  let primaryLive = 0;
  let runningCount = 0;
  let pendingCount = 0;
  for (const t of tasks) {
    if (isLive(t)) {
      if (t.deploymentId === primary.id) primaryLive += 1;
      else others += 1;
    }
    const st = t.lastStatus;
    if (st === 'RUNNING') runningCount += 1;
    else if (st === 'PROVISIONING' || st === 'PENDING' || st === 'ACTIVATING') pendingCount += 1;
  }
  let deployments: readonly Deployment[] = svc.deployments;
  if (svc.deployments.some((dep, i) => i > 0 && dep.status === 'ACTIVE')) {
    const byDep = new Map<string, number>();
    for (const t of tasks)
      if (t.deploymentId) byDep.set(t.deploymentId, (byDep.get(t.deploymentId) ?? 0) + 1);
    deployments = svc.deployments.map((dep, i) =>
      i > 0 && dep.status === 'ACTIVE' && !byDep.get(dep.id)
        ? { ...dep, status: 'INACTIVE' as const, updatedAt: d.now }
        : dep,
    );
  }
  // Keep a short tail of INACTIVE deployments (enough for rollback to the last COMPLETED one).
  const inactive = deployments.filter((dep) => dep.status === 'INACTIVE');
  if (inactive.length > 2)
    deployments = deployments.filter(
      (dep) => dep.status !== 'INACTIVE' || inactive.slice(0, 2).includes(dep),
    );
  // Every live task of the primary deployment counts as healthy (asked only when it decides).
  const allHealthy = (): boolean => {
    const countedHealthy = deploymentHealth(d, name);
    return tasks.every((t) => !isLive(t) || t.deploymentId !== primary.id || countedHealthy(t));
  };
  let head = deployments[0] as Deployment;
  if (
    head.rolloutState === 'IN_PROGRESS' &&
    others === 0 &&
    primaryLive === svc.desiredCount &&
    allHealthy()
  ) {
    head = {
      ...head,
      rolloutState: 'COMPLETED',
      rolloutStateReason: `ECS deployment ${head.id} completed.`,
      updatedAt: d.now,
    };
    deployments = [head, ...deployments.slice(1)];
    // Wording UNVERIFIED (reference A3.6 / F.5).
    d.pushEvent(
      'deployment',
      name,
      `(service ${name}) (deployment ${head.id}) deployment completed.`,
    );
  }
  if (head.desiredCount !== svc.desiredCount)
    deployments = [{ ...head, desiredCount: svc.desiredCount }, ...deployments.slice(1)];
  const steady =
    head.rolloutState === 'COMPLETED' &&
    runningCount === svc.desiredCount &&
    pendingCount === 0 &&
    others === 0 &&
    primaryLive === svc.desiredCount &&
    !deployments.some((dep) => dep.status === 'ACTIVE');
  const changedDeps =
    deployments.length !== svc.deployments.length ||
    deployments.some((dep, i) => dep !== svc.deployments[i]);
  if (steady && !svc.steadyState)
    d.pushEvent('service', name, `(service ${name}) has reached a steady state.`);
  if (changedDeps || steady !== svc.steadyState) {
    d.setService({ ...svc, deployments, steadyState: steady });
  }
}
