/**
 * Task-level RegisterTaskDefinition rules, as a table run in order (reference E1). Each rule
 * reports every problem it finds (not just the first) with AWS's wording: verbatim where the
 * reference (A1.6) or a captured AWS response gives it, otherwise in the same ClientException
 * style (marked "wording not verified").
 */
import type { Reporter } from './diagnostic-reporter.ts';
import type { DraftTaskDefinition } from './task-definition-draft.ts';
import { fargateCpuSize, isFargateTaskSize } from './fargate-sizes.ts';
import { INVALID_TASK_CPU } from './task-definition-parse.ts';
import { apiMemberPath } from './task-definition-read.ts';

/** One validation rule: a name, the rule it encodes, and the check. */
export interface TaskDefinitionRule {
  readonly id: string;
  /** Where the rule comes from (reference section / AWS page). */
  readonly source: string;
  readonly check: (td: DraftTaskDefinition, report: Reporter) => void;
}

/** Max containers per task definition [ECS service quotas]: "Too many containers." (ClientException). */
export const MAX_CONTAINERS = 10;
/** EC2/EXTERNAL task cpu range: 128 units … 192 vCPU (current API text; reference A1.1, F10). */
export const EC2_TASK_CPU_MIN = 128;
export const EC2_TASK_CPU_MAX = 196608;

const FAMILY_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/** True when the definition must satisfy Fargate's rules (FARGATE listed, even beside EC2). */
export const requiresFargate = (td: DraftTaskDefinition): boolean =>
  td.requiresCompatibilities.includes('FARGATE');
/** True for a Windows operatingSystemFamily. */
export const isWindows = (td: DraftTaskDefinition): boolean =>
  td.operatingSystemFamily.startsWith('WINDOWS');

export const TASK_LEVEL_RULES: readonly TaskDefinitionRule[] = [
  {
    id: 'family',
    source: 'A1.1, E1.1; botocore required member; ClientException texts from AWS responses',
    check: (td, report) => {
      if (td.bad.has('family')) return;
      if (td.family === undefined)
        report.error([], 'Missing required parameter in input: "family"');
      else if (td.family === '') report.error(['family'], 'Family can not be blank.');
      else if (!FAMILY_PATTERN.test(td.family))
        report.error(['family'], 'Family contains invalid characters.');
    },
  },
  {
    id: 'container-list',
    source: 'A1.1; "Container list cannot be empty." / "Too many containers." (AWS responses)',
    check: (td, report) => {
      if (td.bad.has('containerDefinitions')) return;
      if (td.containers === undefined) {
        report.error([], 'Missing required parameter in input: "containerDefinitions"');
      } else if (td.containerCount === 0) {
        report.error(['containerDefinitions'], 'Container list cannot be empty.');
      } else if (td.containerCount > MAX_CONTAINERS) {
        report.error(['containerDefinitions', MAX_CONTAINERS], 'Too many containers.');
      }
    },
  },
  {
    id: 'fargate-network-mode',
    source: 'A1.1, A1.6: Fargate requires awsvpc',
    check: (td, report) => {
      if (!requiresFargate(td) || td.bad.has('networkMode') || td.networkMode === 'awsvpc') return;
      // Omitted networkMode means bridge on Linux, which Fargate refuses too. AWS uses ‘typographic’ quotes.
      report.error(['networkMode'], 'Fargate only supports network mode ‘awsvpc’.');
    },
  },
  {
    id: 'fargate-task-size',
    source: 'A1.2, A1.6: task cpu and memory required, pair from the Fargate table',
    check: (td, report) => {
      if (!requiresFargate(td)) return;
      if (td.cpu === undefined && !td.bad.has('cpu')) {
        report.error(['cpu'], "Fargate requires that 'cpu' be defined at the task level.");
      }
      if (td.memory === undefined && !td.bad.has('memory')) {
        // Wording from an ECS emulator; not verified against AWS (reference A1.6).
        report.error(['memory'], "Fargate requires that 'memory' be defined at the task level.");
      }
      if (td.cpu === undefined || td.memory === undefined) return;
      const size = fargateCpuSize(td.cpu);
      if (size === undefined) {
        report.error(
          ['cpu'],
          `${INVALID_TASK_CPU} (Fargate CPU values: 256, 512, 1024, 2048, 4096, 8192, 16384.)`,
        );
      } else if (!isFargateTaskSize(td.cpu, td.memory, isWindows(td))) {
        const hint =
          isWindows(td) && !size.windows
            ? 'Windows on Fargate needs 1, 2 or 4 vCPU.'
            : `Valid memory for cpu ${td.cpu}: ${size.memory.join(', ')} MiB.`;
        report.error(['memory'], `No Fargate configuration exists for given values. (${hint})`);
      }
    },
  },
  {
    id: 'ec2-task-cpu-range',
    source: 'A1.1, F10: EC2/EXTERNAL task cpu 128 … 196608 units',
    check: (td, report) => {
      if (requiresFargate(td) || td.cpu === undefined) return;
      if (td.cpu < EC2_TASK_CPU_MIN || td.cpu > EC2_TASK_CPU_MAX)
        report.error(['cpu'], INVALID_TASK_CPU);
    },
  },
  {
    id: 'external-network-mode',
    source: 'A1.1: EXTERNAL (ECS Anywhere) supports bridge, host and none only',
    check: (td, report) => {
      if (!td.requiresCompatibilities.includes('EXTERNAL') || td.networkMode !== 'awsvpc') return;
      // Wording not verified (same style as the Fargate pidMode message).
      report.error(
        ['networkMode'],
        "Tasks using the EXTERNAL launch type do not support network mode 'awsvpc'. The supported network modes are 'bridge', 'host' and 'none'.",
      );
    },
  },
  {
    id: 'fargate-platform',
    source: 'A1.1: Windows on Fargate must be X86_64; moto/AWS pidMode message',
    check: (td, report) => {
      if (!requiresFargate(td)) return;
      if (isWindows(td) && td.cpuArchitecture === 'ARM64') {
        // Wording not verified.
        report.error(
          ['runtimePlatform', 'cpuArchitecture'],
          `Fargate does not support cpuArchitecture 'ARM64' with operatingSystemFamily '${td.operatingSystemFamily}'. Windows tasks on Fargate must use X86_64.`,
        );
      }
      if (td.pidMode !== undefined && td.pidMode !== 'task') {
        report.error(
          ['pidMode'],
          `Tasks using the Fargate launch type do not support pidMode '${td.pidMode}'. The supported value for pidMode is 'task'.`,
        );
      }
    },
  },
  {
    id: 'essential-container',
    source: 'A1.1, A1.3, E1.6: at least one essential container (essential defaults to true)',
    check: (td, report) => {
      const containers = td.containers ?? [];
      if (containers.length === 0 || containers.some((c) => c.essential)) return;
      report.error(
        ['containerDefinitions'],
        "Task definition doesn't have any essential container.",
      );
    },
  },
  {
    id: 'placement-constraints',
    source:
      'A1.1: only memberOf in a task definition [ECS-API TaskDefinitionPlacementConstraintType]',
    check: (td, report) => {
      for (const pc of td.placementConstraints) {
        const path = ['placementConstraints', pc.index];
        if (pc.type === undefined) {
          // Wording not verified.
          report.error(path, "A placement constraint requires a 'type' (memberOf).");
        } else if (pc.type !== 'memberOf') {
          report.error(
            [...path, 'type'],
            `Value '${pc.type}' at '${apiMemberPath([...path, 'type'])}' failed to satisfy constraint: Member must satisfy enum value set: [memberOf]`,
          );
        } else if (pc.expression === undefined || pc.expression.trim() === '') {
          // Wording not verified.
          report.error(path, "A 'memberOf' placement constraint requires an 'expression'.");
        }
      }
    },
  },
];
