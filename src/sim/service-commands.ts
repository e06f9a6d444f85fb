/**
 * CreateService, UpdateService and DeleteService for REPLICA services (reference A3.1–A3.3).
 * Each returns an AWS-worded error string when the API would refuse, else mutates the draft.
 */
import type { SimCommand } from './commands.ts';
import type { Draft } from './draft.ts';
import { newDeploymentId, serviceArn } from './ids.ts';
import type {
  Deployment,
  DeploymentConfiguration,
  LaunchType,
  PlacementConstraint,
  PlacementStrategy,
  Service,
  TaskDefinition,
} from './model.ts';
import { parseQuery } from './query-language.ts';
import { fargateProblem, resolveTaskDefinition } from './task-definitions.ts';

type Cmd<T extends SimCommand['type']> = Extract<SimCommand, { type: T }>;

/** REPLICA defaults: min 100 %, max 200 %, circuit breaker off [ECS-API DeploymentConfiguration] (A3.3). */
export const DEFAULT_DEPLOYMENT_CONFIGURATION: DeploymentConfiguration = {
  minimumHealthyPercent: 100,
  maximumPercent: 200,
  deploymentCircuitBreaker: { enable: false, rollback: false },
};

/** Checks a task definition can run with a launch type; returns an error string if not. */
export function launchTypeProblem(td: TaskDefinition, launchType: LaunchType): string | undefined {
  if (launchType === 'FARGATE' && (fargateProblem(td) || !td.compatibilities.includes('FARGATE'))) {
    return 'InvalidParameterException: Task definition does not support launch_type FARGATE.';
  }
  if (launchType === 'EXTERNAL' && td.networkMode === 'awsvpc') {
    // ECS Anywhere does not support awsvpc (A5.3).
    return 'InvalidParameterException: Task definition does not support launch_type EXTERNAL.';
  }
  return undefined;
}

/** Validates placement rules (memberOf expressions parse; none on Fargate, A3.1). */
export function placementProblem(
  launchType: LaunchType,
  strategies: readonly PlacementStrategy[],
  constraints: readonly PlacementConstraint[],
): string | undefined {
  if (launchType === 'FARGATE' && (strategies.length || constraints.length)) {
    return 'InvalidParameterException: Placement strategies and constraints are not supported with FARGATE launch type.';
  }
  if (strategies.length > 5)
    return 'InvalidParameterException: The maximum number of placement strategies is 5.';
  if (constraints.length > 10)
    return 'InvalidParameterException: The maximum number of placement constraints is 10.';
  for (const c of constraints) {
    if (c.type !== 'memberOf') continue;
    try {
      parseQuery(c.expression);
    } catch (e) {
      return `InvalidParameterException: Invalid placement constraint expression '${c.expression}': ${(e as Error).message}.`;
    }
  }
  return undefined;
}

function configProblem(cfg: DeploymentConfiguration): string | undefined {
  if (cfg.maximumPercent < 100)
    return 'InvalidParameterException: maximumPercent must be at least 100 for REPLICA services.';
  if (cfg.minimumHealthyPercent < 0 || cfg.minimumHealthyPercent > 100) {
    return 'InvalidParameterException: minimumHealthyPercent must be between 0 and 100.';
  }
  return undefined;
}

function newDeployment(
  d: Draft,
  key: string,
  desiredCount: number,
  reasonPrefix = 'ECS deployment',
): Deployment {
  d.nextDeploymentNumber();
  const id = newDeploymentId(d.rng);
  return {
    id,
    status: 'PRIMARY',
    taskDefinitionKey: key,
    desiredCount,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: `${reasonPrefix} ${id} in progress.`,
    createdAt: d.now,
    updatedAt: d.now,
    failedTasks: 0,
  };
}

/** CreateService. */
export function createService(d: Draft, c: Cmd<'CREATE_SERVICE'>): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(c.serviceName)) {
    return 'InvalidParameterException: Service name can have up to 255 letters, numbers, hyphens and underscores.';
  }
  const existing = d.services[c.serviceName];
  if (existing && existing.status !== 'INACTIVE') {
    return 'InvalidParameterException: Creation of service was not idempotent.'; // A1.6 (UNVERIFIED verbatim)
  }
  if (!Number.isInteger(c.desiredCount) || c.desiredCount < 0) {
    return 'InvalidParameterException: desiredCount must be a non-negative integer.';
  }
  const found = resolveTaskDefinition(d, c.taskDefinition);
  if (!found) return 'ClientException: TaskDefinition not found.';
  if (found.td.status === 'INACTIVE') return 'ClientException: TaskDefinition is inactive.';
  const strategies = c.placementStrategy ?? [];
  const constraints = c.placementConstraints ?? [];
  const cfg: DeploymentConfiguration = {
    ...DEFAULT_DEPLOYMENT_CONFIGURATION,
    ...c.deploymentConfiguration,
  };
  const problem =
    launchTypeProblem(found.td, c.launchType) ??
    placementProblem(c.launchType, strategies, constraints) ??
    configProblem(cfg);
  if (problem) return problem;
  const service: Service = {
    serviceName: c.serviceName,
    serviceArn: serviceArn(d.cluster, c.serviceName),
    status: 'ACTIVE',
    taskDefinitionKey: found.key,
    desiredCount: c.desiredCount,
    launchType: c.launchType,
    schedulingStrategy: 'REPLICA',
    placementStrategy: strategies,
    placementConstraints: constraints,
    deploymentConfiguration: cfg,
    deployments: [newDeployment(d, found.key, c.desiredCount)],
    healthCheckGracePeriodSeconds: c.healthCheckGracePeriodSeconds ?? 0,
    createdAt: d.now,
    launchBackoff: { consecutiveFailures: 0, nextAttemptAt: 0 },
    steadyState: false,
  };
  d.setService(service);
  return undefined;
}

/**
 * UpdateService. A new task definition, placement change or forceNewDeployment starts a new PRIMARY
 * deployment (A3.3 "What triggers a new deployment"); a desiredCount change alone resizes the
 * PRIMARY deployment (UNVERIFIED per A3.3). Updating resets launch throttling (A3.5).
 */
export function updateService(d: Draft, c: Cmd<'UPDATE_SERVICE'>): string | undefined {
  const svc = d.services[c.serviceName];
  if (!svc) return 'ServiceNotFoundException: Service not found.';
  if (svc.status !== 'ACTIVE') return 'ServiceNotActiveException: Service was not ACTIVE.';
  if (c.desiredCount !== undefined && (!Number.isInteger(c.desiredCount) || c.desiredCount < 0)) {
    return 'InvalidParameterException: desiredCount must be a non-negative integer.';
  }
  let key = svc.taskDefinitionKey;
  if (c.taskDefinition !== undefined) {
    const found = resolveTaskDefinition(d, c.taskDefinition);
    if (!found) return 'ClientException: TaskDefinition not found.';
    if (found.td.status === 'INACTIVE') return 'ClientException: TaskDefinition is inactive.';
    const problem = launchTypeProblem(found.td, svc.launchType);
    if (problem) return problem;
    key = found.key;
  }
  const strategies = c.placementStrategy ?? svc.placementStrategy;
  const constraints = c.placementConstraints ?? svc.placementConstraints;
  const cfg: DeploymentConfiguration = {
    ...svc.deploymentConfiguration,
    ...c.deploymentConfiguration,
  };
  const problem = placementProblem(svc.launchType, strategies, constraints) ?? configProblem(cfg);
  if (problem) return problem;
  const desiredCount = c.desiredCount ?? svc.desiredCount;
  const redeploy =
    key !== svc.taskDefinitionKey ||
    c.forceNewDeployment === true ||
    c.placementStrategy !== undefined ||
    c.placementConstraints !== undefined;
  let deployments = svc.deployments;
  if (redeploy) {
    const previous = deployments.map((dep) =>
      dep.status === 'PRIMARY' ? { ...dep, status: 'ACTIVE' as const, updatedAt: d.now } : dep,
    );
    deployments = [newDeployment(d, key, desiredCount), ...previous];
  } else if (desiredCount !== svc.desiredCount) {
    const head = deployments[0] as Deployment;
    deployments = [{ ...head, desiredCount, updatedAt: d.now }, ...deployments.slice(1)];
  }
  d.setService({
    ...svc,
    taskDefinitionKey: key,
    desiredCount,
    placementStrategy: strategies,
    placementConstraints: constraints,
    deploymentConfiguration: cfg,
    deployments,
    launchBackoff: { consecutiveFailures: 0, nextAttemptAt: 0 },
    steadyState: redeploy || desiredCount !== svc.desiredCount ? false : svc.steadyState,
  });
  return undefined;
}

/**
 * DeleteService: needs desiredCount 0 unless force; the service goes DRAINING and becomes INACTIVE
 * once its tasks are stopping [ECS-API DeleteService] (A3.1).
 */
export function deleteService(d: Draft, c: Cmd<'DELETE_SERVICE'>): string | undefined {
  const svc = d.services[c.serviceName];
  if (!svc || svc.status === 'INACTIVE') return 'ServiceNotFoundException: Service not found.';
  if (svc.status === 'DRAINING') return undefined;
  if (svc.desiredCount > 0 && !c.force) {
    return 'InvalidParameterException: The service cannot be stopped while it is scaled above 0.'; // A1.6 (UNVERIFIED verbatim)
  }
  d.setService({ ...svc, status: 'DRAINING', desiredCount: 0, steadyState: false });
  return undefined;
}
