/**
 * Applies the traffic commands to a Draft, with the error wording of the AWS API each stands for
 * (ECS, Elastic Load Balancing v2, Application Auto Scaling). Returns an error string or undefined.
 */
import type { Draft } from '../draft.ts';
import { INSTANCE_TYPES } from '../instance-types.ts';
import { reconcileService } from '../service-scheduler.ts';
import type { AlarmConfig } from './alarms.ts';
import { createTargetGroup, type LoadBalancer } from './alb.ts';
import { createScalingState, type ScalingState } from './autoscaling.ts';
import { createCapacityProvider, DEFAULT_MANAGED_SCALING } from './capacity-provider.ts';
import { validateStrategy } from './capacity-strategy.ts';
import type { TrafficCommand } from './commands.ts';
import type { LoadProfile } from './load.ts';
import { serviceMetricKeys } from './metric-samples.ts';
import { parseSchedule } from './scheduled-scaling.ts';
import { emptyTraffic, type TrafficState } from './state.ts';
import {
  DEFAULT_STEP_COOLDOWN_SECONDS,
  validateStepAdjustments,
  type StepScalingPolicy,
} from './step-scaling.ts';
import { DEFAULT_HEALTH_CHECK, type HealthCheckConfig } from './target-group.ts';
import { createTargetTrackingPolicy } from './target-tracking.ts';
import { DEFAULT_APP_PROFILE } from './utilization.ts';

/** Instance boot time before the ECS agent registers (our model; EC2 boot + agent ≈ 1 min, UNVERIFIED). */
export const DEFAULT_INSTANCE_LAUNCH_SECONDS = 60;

/** "app/<name>/<id>" and "targetgroup/<name>/<id>": the CloudWatch dimension values of A6.2's ResourceLabel. */
export function lbDimension(arn: string): string {
  return arn.slice(arn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
}
export function tgDimension(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

function serviceError(d: Draft, name: string): string | undefined {
  const svc = d.services[name];
  if (!svc || svc.status === 'INACTIVE') return 'ServiceNotFoundException: Service not found.';
  if (svc.status !== 'ACTIVE') return 'ServiceNotActiveException: Service was not ACTIVE.';
  return undefined;
}

const isInt = (n: number): boolean => Number.isInteger(n);

/** ELBv2 ranges (reference A7.2, A7.3); messages in the ValidationError style of the ELBv2 API. */
function healthCheckError(hc: HealthCheckConfig, delay: number): string | undefined {
  const range = (v: number, lo: number, hi: number, field: string): string | undefined =>
    isInt(v) && v >= lo && v <= hi
      ? undefined
      : `ValidationError: ${field} must be an integer between ${lo} and ${hi}.`;
  return (
    range(hc.intervalSeconds, 5, 300, 'HealthCheckIntervalSeconds') ??
    range(hc.timeoutSeconds, 2, 120, 'HealthCheckTimeoutSeconds') ??
    range(hc.healthyThresholdCount, 2, 10, 'HealthyThresholdCount') ??
    range(hc.unhealthyThresholdCount, 2, 10, 'UnhealthyThresholdCount') ??
    range(delay, 0, 3600, 'deregistration_delay.timeout_seconds') ??
    (hc.timeoutSeconds >= hc.intervalSeconds
      ? 'ValidationError: Health check timeout must be smaller than the interval.'
      : undefined)
  );
}

function scalingOf(d: Draft, tr: TrafficState, service: string): ScalingState | string {
  const sc = tr.scaling[service];
  if (sc) return sc;
  // AAS error text for a policy on an unregistered target.
  return `ObjectNotFoundException: No scalable target registered for service namespace: ecs, resource ID: service/${d.cluster.clusterName}/${service}, scalable dimension: ecs:service:DesiredCount`;
}

/** Applies one traffic command; returns the AWS-style error, or undefined on success. */
export function applyTrafficCommand(d: Draft, c: TrafficCommand): string | undefined {
  const tr = d.traffic ?? emptyTraffic();
  const put = (next: Partial<TrafficState>): undefined => {
    d.setTraffic({ ...tr, ...next });
    return undefined;
  };
  switch (c.type) {
    case 'SET_LOAD': {
      const err = serviceError(d, c.serviceName);
      if (err) return err;
      if (!tr.serviceLoadBalancers[c.serviceName]) {
        return `InvalidParameterException: Service ${c.serviceName} has no load balancer. Attach one (ATTACH_LOAD_BALANCER) to send it requests.`;
      }
      const profile: LoadProfile = 'kind' in c.load ? { shape: c.load } : c.load;
      const prev = tr.loads[c.serviceName];
      return put({
        loads: {
          ...tr.loads,
          [c.serviceName]: { profile, since: d.now, carry: prev?.carry ?? 0 },
        },
      });
    }
    case 'ATTACH_LOAD_BALANCER': {
      const err = serviceError(d, c.serviceName);
      if (err) return err;
      if (tr.serviceLoadBalancers[c.serviceName]) {
        return `InvalidParameterException: Service ${c.serviceName} already has a load balancer.`;
      }
      const svc = d.services[c.serviceName]!;
      const td = d.taskDefinitions[svc.taskDefinitionKey];
      const hc: HealthCheckConfig = { ...DEFAULT_HEALTH_CHECK, ...c.healthCheck };
      const delay = c.deregistrationDelaySeconds ?? 300;
      const bad = healthCheckError(hc, delay);
      if (bad) return bad;
      if (!/^[A-Za-z0-9-]{1,32}$/.test(c.loadBalancerName) || c.loadBalancerName.startsWith('-')) {
        return `ValidationError: Load balancer name '${c.loadBalancerName}' can have up to 32 alphanumeric characters and hyphens, and must not begin or end with a hyphen.`;
      }
      const firstPort = td?.containerDefinitions.flatMap((x) => x.portMappings)[0]?.containerPort;
      const port = c.containerPort ?? firstPort ?? 80;
      const tgName = c.targetGroupName ?? `${c.serviceName}-tg`.slice(0, 32);
      const prefix = `arn:aws:elasticloadbalancing:${d.cluster.region}:${d.cluster.accountId}`;
      const lb0 = tr.loadBalancers[c.loadBalancerName];
      if (lb0?.targetGroups[tgName]) {
        return `DuplicateTargetGroupName: A target group with the same name '${tgName}' exists, but with different settings`;
      }
      const lb: LoadBalancer = lb0 ?? {
        name: c.loadBalancerName,
        arn: `${prefix}:loadbalancer/app/${c.loadBalancerName}/${d.rng.hex(16)}`,
        targetGroups: {},
      };
      const tg = createTargetGroup({
        name: tgName,
        arn: `${prefix}:targetgroup/${tgName}/${d.rng.hex(16)}`,
        serviceName: c.serviceName,
        port,
        // awsvpc tasks (Fargate always) need target type ip; bridge/host use instance (A7.1).
        targetType: td?.networkMode === 'awsvpc' ? 'ip' : 'instance',
        healthCheck: hc,
        deregistrationDelaySeconds: delay,
        algorithm: c.algorithm ?? 'round_robin',
      });
      return put({
        loadBalancers: {
          ...tr.loadBalancers,
          [lb.name]: { ...lb, targetGroups: { ...lb.targetGroups, [tgName]: tg } },
        },
        serviceLoadBalancers: {
          ...tr.serviceLoadBalancers,
          [c.serviceName]: {
            loadBalancerName: lb.name,
            targetGroupName: tgName,
            containerPort: port,
          },
        },
        apps: { ...tr.apps, [c.serviceName]: { ...DEFAULT_APP_PROFILE, ...c.app } },
      });
    }
    case 'FAIL_HEALTH_CHECKS': {
      const t = d.tasks.get(c.taskId);
      if (!t || t.lastStatus === 'STOPPED') {
        return `InvalidParameterException: The referenced task was not found.`;
      }
      const failingTasks = { ...tr.failingTasks };
      if (c.failing === false) delete failingTasks[c.taskId];
      else failingTasks[c.taskId] = true;
      return put({ failingTasks });
    }
    case 'REGISTER_SCALABLE_TARGET': {
      const resource = `service/${d.cluster.clusterName}/${c.serviceName}`;
      if (serviceError(d, c.serviceName)) {
        return `ValidationException: ECS service doesn't exist: ${resource}`;
      }
      if (!isInt(c.minCapacity) || !isInt(c.maxCapacity) || c.minCapacity < 0) {
        return 'ValidationException: MinCapacity and MaxCapacity must be non-negative integers.';
      }
      if (c.minCapacity > c.maxCapacity) {
        return 'ValidationException: Minimum capacity cannot be greater than maximum capacity';
      }
      const prev = tr.scaling[c.serviceName];
      const base =
        prev ??
        createScalingState(
          d.cluster.clusterName,
          c.serviceName,
          { minCapacity: c.minCapacity, maxCapacity: c.maxCapacity },
          [],
          [],
          d.now,
        );
      const s = base.target.suspendedState;
      const sc: ScalingState = {
        ...base,
        target: {
          ...base.target,
          minCapacity: c.minCapacity,
          maxCapacity: c.maxCapacity,
          suspendedState: {
            dynamicScalingInSuspended:
              c.suspendedState?.dynamicScalingInSuspended ?? s.dynamicScalingInSuspended,
            dynamicScalingOutSuspended:
              c.suspendedState?.dynamicScalingOutSuspended ?? s.dynamicScalingOutSuspended,
            scheduledScalingSuspended:
              c.suspendedState?.scheduledScalingSuspended ?? s.scheduledScalingSuspended,
          },
        },
      };
      put({ scaling: { ...tr.scaling, [c.serviceName]: sc } });
      // Registering moves the desired count into [min, max] (A6.1: desired is clamped).
      const svc = d.services[c.serviceName]!;
      const clamped = Math.min(c.maxCapacity, Math.max(c.minCapacity, svc.desiredCount));
      if (clamped !== svc.desiredCount) {
        d.setService({ ...svc, desiredCount: clamped, steadyState: false });
        reconcileService(d, c.serviceName);
      }
      return undefined;
    }
    case 'PUT_SCALING_POLICY': {
      const sc = scalingOf(d, tr, c.serviceName);
      if (typeof sc === 'string') return sc;
      if ((c.targetTracking === undefined) === (c.stepScaling === undefined)) {
        return 'ValidationException: Exactly one of TargetTrackingScalingPolicyConfiguration and StepScalingPolicyConfiguration must be given.';
      }
      const others = sc.policies.filter((p) => p.policyName !== c.policyName);
      if (c.targetTracking) {
        const tt = c.targetTracking;
        if (!(tt.targetValue > 0)) {
          return 'ValidationException: TargetValue must be greater than 0.';
        }
        let resource: { loadBalancer?: string; targetGroup?: string } = {};
        if (tt.predefinedMetricType === 'ALBRequestCountPerTarget') {
          const binding = tr.serviceLoadBalancers[c.serviceName];
          const lb = binding && tr.loadBalancers[binding.loadBalancerName];
          const tg = binding && lb?.targetGroups[binding.targetGroupName];
          if (!lb || !tg) {
            return 'ValidationException: ResourceLabel is required for the ALBRequestCountPerTarget metric: the service has no target group.';
          }
          resource = { loadBalancer: lbDimension(lb.arn), targetGroup: tgDimension(tg.arn) };
        }
        const [policy, rng] = createTargetTrackingPolicy(
          { policyName: c.policyName, ...tt },
          { cluster: d.cluster.clusterName, service: c.serviceName, ...resource },
          d.rng.state,
        );
        d.rng.state = rng;
        return put({
          scaling: { ...tr.scaling, [c.serviceName]: { ...sc, policies: [...others, policy] } },
        });
      }
      const ss = c.stepScaling!;
      const stepErrors = validateStepAdjustments(ss.stepAdjustments);
      if (stepErrors.length) return `ValidationException: ${stepErrors[0]}`;
      const keys = serviceMetricKeys(d.cluster.clusterName, c.serviceName);
      const periods = ss.alarm.evaluationPeriods ?? 1;
      const alarm: AlarmConfig = {
        alarmName: `${c.serviceName}-${c.policyName}-alarm`,
        metricKey:
          ss.alarm.metric === 'CPUUtilization' ? keys.cpuUtilization : keys.memoryUtilization,
        statistic: 'Average',
        threshold: ss.alarm.threshold,
        comparisonOperator: ss.alarm.comparisonOperator,
        evaluationPeriods: periods,
        datapointsToAlarm: ss.alarm.datapointsToAlarm ?? periods,
      };
      const policy: StepScalingPolicy = {
        policyType: 'StepScaling',
        policyName: c.policyName,
        adjustmentType: ss.adjustmentType,
        stepAdjustments: ss.stepAdjustments,
        ...(ss.minAdjustmentMagnitude === undefined
          ? {}
          : { minAdjustmentMagnitude: ss.minAdjustmentMagnitude }),
        cooldown: ss.cooldown ?? DEFAULT_STEP_COOLDOWN_SECONDS,
        alarm,
      };
      return put({
        scaling: { ...tr.scaling, [c.serviceName]: { ...sc, policies: [...others, policy] } },
      });
    }
    case 'DELETE_SCALING_POLICY': {
      const sc = scalingOf(d, tr, c.serviceName);
      if (typeof sc === 'string') return sc;
      if (!sc.policies.some((p) => p.policyName === c.policyName)) {
        return `ObjectNotFoundException: No scaling policy found for service namespace: ecs, resource ID: ${sc.target.resourceId}, scalable dimension: ecs:service:DesiredCount, policy name: ${c.policyName}`;
      }
      return put({
        scaling: {
          ...tr.scaling,
          [c.serviceName]: {
            ...sc,
            policies: sc.policies.filter((p) => p.policyName !== c.policyName),
          },
        },
      });
    }
    case 'PUT_SCHEDULED_ACTION': {
      const sc = scalingOf(d, tr, c.serviceName);
      if (typeof sc === 'string') return sc;
      const parsed = parseSchedule(c.schedule);
      if (typeof parsed === 'string') return `ValidationException: ${parsed}`;
      if (c.minCapacity === undefined && c.maxCapacity === undefined) {
        return 'ValidationException: At least one of MinCapacity or MaxCapacity must be specified.';
      }
      const action = {
        scheduledActionName: c.scheduledActionName,
        schedule: c.schedule,
        ...(c.minCapacity === undefined ? {} : { minCapacity: c.minCapacity }),
        ...(c.maxCapacity === undefined ? {} : { maxCapacity: c.maxCapacity }),
      };
      const rest = sc.scheduledActions.filter(
        (a) => a.scheduledActionName !== c.scheduledActionName,
      );
      return put({
        scaling: { ...tr.scaling, [c.serviceName]: { ...sc, scheduledActions: [...rest, action] } },
      });
    }
    case 'CREATE_CAPACITY_PROVIDER': {
      if (c.name.startsWith('FARGATE') || /^(aws|ecs)/i.test(c.name)) {
        return `ClientException: The capacity provider name cannot start with 'aws', 'ecs', or 'fargate'.`;
      }
      if (tr.capacityProviders[c.name]) {
        return 'ClientException: A capacity provider with the specified name already exists.';
      }
      if (!INSTANCE_TYPES[c.instanceType]) {
        return `InvalidParameterValue: Invalid value '${c.instanceType}' for InstanceType.`;
      }
      const desired = c.desiredCapacity ?? c.minSize;
      if (
        !isInt(c.minSize) ||
        !isInt(c.maxSize) ||
        c.minSize < 0 ||
        c.minSize > c.maxSize ||
        desired < c.minSize ||
        desired > c.maxSize
      ) {
        return 'ValidationError: Desired capacity must be between the min size and the max size, and min size must not exceed max size.';
      }
      const ms = { ...DEFAULT_MANAGED_SCALING, ...c.managedScaling };
      if (ms.targetCapacity < 1 || ms.targetCapacity > 100) {
        return 'ClientException: The managed scaling target capacity must be between 1 and 100.';
      }
      const provider = createCapacityProvider({
        name: c.name,
        minSize: c.minSize,
        maxSize: c.maxSize,
        desiredCapacity: desired,
        managedScaling: ms,
        managedTerminationProtection: c.managedTerminationProtection ?? true,
      });
      const launchSeconds = c.launchSeconds ?? DEFAULT_INSTANCE_LAUNCH_SECONDS;
      return put({
        capacityProviders: {
          ...tr.capacityProviders,
          [c.name]: {
            provider,
            autoScalingGroupName: `${c.name}-asg`,
            instanceType: c.instanceType,
            launchSeconds,
            launching: Array.from({ length: desired }, () => d.now + launchSeconds * 1000),
            instanceIds: [],
            terminating: [],
          },
        },
      });
    }
    case 'SET_CAPACITY_PROVIDER_STRATEGY': {
      const err = serviceError(d, c.serviceName);
      if (err) return err;
      const strategy = c.capacityProviderStrategy;
      if (strategy.length === 0 || strategy.length > 6) {
        return 'InvalidParameterException: The capacity provider strategy must contain between 1 and 6 capacity providers.';
      }
      const invalid = validateStrategy(strategy);
      if (invalid.length) return `InvalidParameterException: ${invalid[0]}`;
      const svc = d.services[c.serviceName]!;
      for (const item of strategy) {
        const fargate =
          item.capacityProvider === 'FARGATE' || item.capacityProvider === 'FARGATE_SPOT';
        if (!fargate && !tr.capacityProviders[item.capacityProvider]) {
          return `InvalidParameterException: The specified capacity provider ${item.capacityProvider} is not in an ACTIVE state. Specify a valid capacity provider and try again.`;
        }
        if (fargate !== (svc.launchType === 'FARGATE')) {
          return `InvalidParameterException: The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster's ${svc.launchType} capacity.`;
        }
      }
      return put({ strategies: { ...tr.strategies, [c.serviceName]: strategy } });
    }
  }
}
