/**
 * Per-container RegisterTaskDefinition rules for names, images, cpu and memory (reference A1.3,
 * E1), plus the task-wide resource sums. Health checks, stopTimeout and dependsOn are in
 * container-runtime-rules.ts. Verbatim AWS texts are marked with where they were seen; the rest copy the
 * ClientException style and say "wording not verified".
 */
import type { Reporter } from './diagnostic-reporter.ts';
import type { DraftContainer, DraftTaskDefinition } from './task-definition-draft.ts';
import type { TaskDefinitionRule } from './task-definition-rules.ts';

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
// Up to 255 letters, digits, hyphens, underscores, colons, periods, forward slashes and number
// signs [ECS-API ContainerDefinition.image]; '@' as well, for repo@sha256:digest references.
const IMAGE_PATTERN = /^[A-Za-z0-9_\-:./#@]{1,255}$/;
/** Docker ≥ 20.10 reserves 6 MiB per container, so ECS documents 6 MiB as the floor (reference A1.3). */
export const MIN_CONTAINER_MEMORY_MIB = 6;

/** The path of container `c`, plus `rest`. */
export const at = (c: DraftContainer, ...rest: (string | number)[]): (string | number)[] => [
  'containerDefinitions',
  c.index,
  ...rest,
];
/** The container's name as AWS messages quote it. */
export const label = (c: DraftContainer): string => c.name ?? '';
/** Memory the container reserves: memoryReservation when set, else memory [ECS-DG]. */
const reserved = (c: DraftContainer): number => c.memoryReservation ?? c.memory ?? 0;

/** Runs `check` on every container. */
export function eachContainer(
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
];
