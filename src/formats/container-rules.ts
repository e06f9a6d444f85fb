/**
 * Per-container RegisterTaskDefinition rules (reference A1.3, A1.4, E1), plus the task-wide
 * resource sums. Verbatim AWS texts are marked with where they were seen; the rest copy the
 * ClientException style and say "wording not verified".
 */
import type { Reporter } from './diagnostic-reporter.ts';
import type { DraftContainer, DraftTaskDefinition } from './task-definition-draft.ts';
import type { TaskDefinitionRule } from './task-definition-rules.ts';
import { requiresFargate } from './task-definition-rules.ts';

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
// Up to 255 letters, digits, hyphens, underscores, colons, periods, forward slashes and number
// signs [ECS-API ContainerDefinition.image]; '@' as well, for repo@sha256:digest references.
const IMAGE_PATTERN = /^[A-Za-z0-9_\-:./#@]{1,255}$/;
/** Docker ≥ 20.10 reserves 6 MiB per container, so ECS documents 6 MiB as the floor (reference A1.3). */
export const MIN_CONTAINER_MEMORY_MIB = 6;
/** Fargate stopTimeout maximum, seconds [ECS-API ContainerDefinition.stopTimeout]. */
export const FARGATE_MAX_STOP_TIMEOUT = 120;
/** Health-check ranges in seconds / count [ECS-API HealthCheck] (reference A1.4). */
export const HEALTH_CHECK_RANGES = {
  interval: [5, 300],
  timeout: [2, 60],
  retries: [1, 10],
  startPeriod: [0, 300],
} as const;

const at = (c: DraftContainer, ...rest: (string | number)[]): (string | number)[] => [
  'containerDefinitions',
  c.index,
  ...rest,
];
const label = (c: DraftContainer): string => c.name ?? '';
/** Memory the container reserves: memoryReservation when set, else memory [ECS-DG]. */
const reserved = (c: DraftContainer): number => c.memoryReservation ?? c.memory ?? 0;

/** Runs `check` on every container. */
function eachContainer(
  check: (c: DraftContainer, td: DraftTaskDefinition, report: Reporter) => void,
) {
  return (td: DraftTaskDefinition, report: Reporter): void => {
    for (const c of td.containers ?? []) check(c, td, report);
  };
}

export const CONTAINER_RULES: readonly TaskDefinitionRule[] = [
  {
    id: 'container-name',
    source: 'A1.3, E1.1; texts seen in AWS ClientException responses',
    check: (td, report) => {
      const seen = new Set<string>();
      for (const c of td.containers ?? []) {
        if (c.bad.has('name')) continue;
        if (c.name === undefined || c.name === '') {
          report.error(at(c, 'name'), 'Container.name should not be null or empty.');
        } else if (!NAME_PATTERN.test(c.name)) {
          report.error(at(c, 'name'), 'Container.name contains invalid characters.');
        } else if (seen.has(c.name)) {
          report.error(at(c, 'name'), 'Container names must be unique within a Task Definition.');
        }
        if (c.name !== undefined) seen.add(c.name);
      }
    },
  },
  {
    id: 'container-image',
    source: 'A1.3; "Container.image should not be null or empty." (AWS response)',
    check: eachContainer((c, _td, report) => {
      if (c.bad.has('image')) return;
      if (c.image === undefined || c.image === '') {
        report.error(at(c, 'image'), 'Container.image should not be null or empty.');
      } else if (!IMAGE_PATTERN.test(c.image)) {
        report.error(at(c, 'image'), 'Container.image contains invalid characters.'); // wording not verified
      }
    }),
  },
  {
    id: 'container-memory',
    source:
      'A1.3: memory or memoryReservation when no task memory; memory ≥ memoryReservation; 6 MiB floor',
    check: eachContainer((c, td, report) => {
      const name = label(c);
      if (
        td.memory === undefined &&
        !td.bad.has('memory') &&
        c.memory === undefined &&
        c.memoryReservation === undefined &&
        !c.bad.has('memory') &&
        !c.bad.has('memoryReservation')
      ) {
        report.error(
          at(c),
          `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
        );
      }
      for (const field of ['memory', 'memoryReservation'] as const) {
        const v = c[field];
        if (v !== undefined && v < MIN_CONTAINER_MEMORY_MIB) {
          // Wording not verified.
          report.error(
            at(c, field),
            `Invalid '${field}' setting for container '${name}'. The minimum is ${MIN_CONTAINER_MEMORY_MIB} MiB.`,
          );
        }
      }
      // "memory must be greater than or equal to memoryReservation" [ECS-DG, corrected 2023].
      if (
        c.memory !== undefined &&
        c.memoryReservation !== undefined &&
        c.memoryReservation > c.memory
      ) {
        report.error(
          at(c, 'memoryReservation'),
          `Invalid setting for container '${name}'. 'memoryReservation' must be less than or equal to 'memory'.`,
        ); // wording not verified
      }
      if (td.memory !== undefined && c.memory !== undefined && c.memory > td.memory) {
        report.error(
          at(c, 'memory'),
          `The 'memory' setting for container '${name}' is greater than for the task.`,
        );
      }
    }),
  },
  {
    id: 'container-cpu',
    source: 'A1.3: container cpu is a non-negative number of units',
    check: eachContainer((c, _td, report) => {
      if (c.cpu !== undefined && c.cpu < 0) {
        report.error(at(c, 'cpu'), `Invalid 'cpu' setting for container '${label(c)}'.`); // wording not verified
      }
    }),
  },
  {
    id: 'resource-sums',
    source: 'A1.3, E1.5: Σ container cpu ≤ task cpu; Σ reserved memory ≤ task memory (AWS texts)',
    check: (td, report) => {
      const containers = td.containers ?? [];
      const cpuSum = containers.reduce((s, c) => s + Math.max(0, c.cpu ?? 0), 0);
      if (td.cpu !== undefined && cpuSum > td.cpu) {
        report.error(
          ['cpu'],
          "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
        );
      }
      const memSum = containers.reduce((s, c) => s + reserved(c), 0);
      if (td.memory !== undefined && memSum > td.memory) {
        const field = containers.some((c) => c.memoryReservation !== undefined)
          ? 'memoryReservation'
          : 'memory';
        report.error(
          ['memory'],
          `The sum of all container '${field}' values cannot be greater than the value of the task 'memory'.`,
        );
      }
    },
  },
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
];
