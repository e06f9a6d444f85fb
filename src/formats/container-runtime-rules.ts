/**
 * Per-container rules about how containers run: health checks (reference A1.4), stopTimeout,
 * dependsOn (A1.3), and a warning when a Fargate task pulls from private ECR without an
 * execution role (A1.1). Wording marked "not verified" copies the ClientException style.
 */
import type { TaskDefinitionRule } from './task-definition-rules.ts';
import { requiresFargate } from './task-definition-rules.ts';
import { at, eachContainer, label } from './container-rules.ts';

/** Fargate stopTimeout maximum, seconds [ECS-API ContainerDefinition.stopTimeout]. */
export const FARGATE_MAX_STOP_TIMEOUT = 120;
/** Health-check ranges in seconds / count [ECS-API HealthCheck] (reference A1.4). */
export const HEALTH_CHECK_RANGES = {
  interval: [5, 300],
  timeout: [2, 60],
  retries: [1, 10],
  startPeriod: [0, 300],
} as const;

export const CONTAINER_RUNTIME_RULES: readonly TaskDefinitionRule[] = [
  {
    id: 'health-check',
    source: 'A1.4: command required; interval 5–300, timeout 2–60, retries 1–10, startPeriod 0–300',
    check: eachContainer((c, _td, report) => {
      const hc = c.healthCheck;
      if (hc === undefined) return;
      if (hc.command !== undefined && hc.command.length === 0) {
        report.error(
          at(c, 'healthCheck', 'command'),
          `Invalid 'healthCheck' setting for container '${label(c)}'. 'command' must not be empty.`,
        );
      }
      for (const [field, [min, max]] of Object.entries(HEALTH_CHECK_RANGES)) {
        const v = hc[field as keyof typeof HEALTH_CHECK_RANGES];
        if (v < min || v > max) {
          // Wording not verified; ranges from [ECS-API HealthCheck].
          report.error(
            at(c, 'healthCheck', field),
            `Invalid 'healthCheck' setting for container '${label(c)}'. '${field}' must be between ${min} and ${max}${field === 'retries' ? '' : ' seconds'}.`,
          );
        }
      }
    }),
  },
  {
    id: 'stop-timeout',
    source: 'A1.3: stopTimeout ≥ 0; Fargate max 120 s',
    check: eachContainer((c, td, report) => {
      const v = c.stopTimeout;
      if (v === undefined) return;
      const max = requiresFargate(td) ? FARGATE_MAX_STOP_TIMEOUT : Infinity;
      if (v < 0 || v > max) {
        const limit = max === Infinity ? 'at least 0' : `between 0 and ${max}`;
        report.error(
          at(c, 'stopTimeout'),
          `Invalid 'stopTimeout' setting for container '${label(c)}'. It must be ${limit} seconds.`,
        );
      }
    }),
  },
  {
    id: 'depends-on',
    source:
      'A1.3: dependency must exist; COMPLETE/SUCCESS not on essential containers; HEALTHY needs a healthCheck',
    check: (td, report) => {
      const byName = new Map((td.containers ?? []).map((c) => [c.name, c]));
      for (const c of td.containers ?? []) {
        for (const dep of c.dependsOn) {
          if (dep.containerName === undefined) continue;
          const path = at(c, 'dependsOn', dep.index);
          const target = byName.get(dep.containerName);
          if (target === undefined) {
            report.error(
              [...path, 'containerName'],
              `Container '${label(c)}' depends on container '${dep.containerName}', which is not in the task definition.`,
            );
          } else if (
            (dep.condition === 'COMPLETE' || dep.condition === 'SUCCESS') &&
            target.essential
          ) {
            report.error(
              path,
              'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container',
            );
          } else if (dep.condition === 'HEALTHY' && target.healthCheck === undefined) {
            report.error(
              path,
              `Dependency condition HEALTHY requires container '${dep.containerName}' to have a healthCheck.`,
            );
          }
        }
      }
    },
  },
  {
    id: 'fargate-execution-role',
    source: 'A1.1: Fargate needs executionRoleArn to pull private ECR images (warning only)',
    check: eachContainer((c, td, report) => {
      if (!requiresFargate(td) || td.executionRoleArn !== undefined) return;
      if (c.image === undefined || !c.image.includes('.dkr.ecr.')) return;
      report.warn(
        at(c, 'image'),
        `Container '${label(c)}' pulls a private ECR image but the task has no executionRoleArn; Fargate needs a task execution role to pull it.`,
      );
    }),
  },
];
