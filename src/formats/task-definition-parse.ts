/**
 * Reads the top level of a task definition (RegisterTaskDefinition input, or the `taskDefinition`
 * of describe-task-definition output) into a DraftTaskDefinition: type checks, unknown-member
 * warnings, read-only members ignored, enum checks and the task-size normalisation.
 */
import type { LaunchType } from '../sim/index.ts';
import type { Reporter } from './diagnostic-reporter.ts';
import { readContainer } from './container-parse.ts';
import type {
  DraftPlacementConstraint,
  DraftTaskDefinition,
  NetworkMode,
} from './task-definition-draft.ts';
import {
  COMPATIBILITIES,
  invalidTypeMessage,
  CPU_ARCHITECTURES,
  NETWORK_MODES,
  OS_FAMILIES,
  PLACEMENT_CONSTRAINT_FIELDS,
  READ_ONLY_TASK_DEFINITION_FIELDS,
  RUNTIME_PLATFORM_FIELDS,
  TASK_DEFINITION_FIELDS,
} from './task-definition-fields.ts';
import { readEnum, readObject } from './task-definition-read.ts';
import { parseTaskCpu, parseTaskMemory } from './task-size.ts';

/** [ECS-DG task-cpu-memory-error] verbatim. */
export const INVALID_TASK_CPU =
  "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
/** Mirrors INVALID_TASK_CPU for memory (AWS wording for memory not verified). */
export const INVALID_TASK_MEMORY =
  "Invalid 'memory' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * Reads a task definition object. Returns undefined only when `value` is not an object
 * (reported); otherwise a draft with every usable field, problems reported on the way.
 */
export function readTaskDefinition(
  value: unknown,
  report: Reporter,
): DraftTaskDefinition | undefined {
  const read = readObject(value, [], TASK_DEFINITION_FIELDS, report, {
    ignore: READ_ONLY_TASK_DEFINITION_FIELDS,
    label: 'input',
  });
  if (read === undefined) return undefined;
  const f = read.fields;
  const bad = new Set(read.bad);

  const rawContainers = Array.isArray(f.containerDefinitions) ? f.containerDefinitions : undefined;
  const containers = rawContainers?.flatMap((c, i) => {
    const draft = readContainer(c, i, report);
    return draft === undefined ? [] : [draft];
  });

  const requiresCompatibilities: LaunchType[] = [];
  (Array.isArray(f.requiresCompatibilities) ? f.requiresCompatibilities : []).forEach((c, i) => {
    const path = ['requiresCompatibilities', i];
    if (typeof c !== 'string') {
      return void report.error(path, invalidTypeMessage(report.pathOf(path), c, 'string'));
    }
    const compat = readEnum(c, COMPATIBILITIES, path, report);
    if (compat === 'MANAGED_INSTANCES') {
      report.warn(path, 'MANAGED_INSTANCES is valid in AWS but not simulated here; it is ignored');
    } else if (compat !== undefined && !requiresCompatibilities.includes(compat)) {
      requiresCompatibilities.push(compat);
    }
  });

  let networkMode: NetworkMode | undefined;
  if (typeof f.networkMode === 'string') {
    networkMode = readEnum(f.networkMode, NETWORK_MODES, ['networkMode'], report);
    if (networkMode === undefined) bad.add('networkMode');
  }

  const cpu = readTaskSize('cpu', f.cpu, parseTaskCpu, INVALID_TASK_CPU, report, bad);
  const memory = readTaskSize(
    'memory',
    f.memory,
    parseTaskMemory,
    INVALID_TASK_MEMORY,
    report,
    bad,
  );

  let cpuArchitecture: 'X86_64' | 'ARM64' = 'X86_64'; // default X86_64 [ECS-DG AWS_Fargate]
  let operatingSystemFamily = 'LINUX'; // default LINUX [ECS-API RuntimePlatform]
  if (f.runtimePlatform !== undefined) {
    const rp = readObject(f.runtimePlatform, ['runtimePlatform'], RUNTIME_PLATFORM_FIELDS, report);
    const arch = str(rp?.fields.cpuArchitecture);
    const os = str(rp?.fields.operatingSystemFamily);
    if (arch !== undefined) {
      cpuArchitecture =
        readEnum(arch, CPU_ARCHITECTURES, ['runtimePlatform', 'cpuArchitecture'], report) ??
        'X86_64';
    }
    if (os !== undefined) {
      operatingSystemFamily =
        readEnum(os, OS_FAMILIES, ['runtimePlatform', 'operatingSystemFamily'], report) ?? 'LINUX';
    }
  }

  const placementConstraints: DraftPlacementConstraint[] = [];
  (Array.isArray(f.placementConstraints) ? f.placementConstraints : []).forEach((pc, index) => {
    const r = readObject(pc, ['placementConstraints', index], PLACEMENT_CONSTRAINT_FIELDS, report);
    if (r !== undefined)
      placementConstraints.push({
        index,
        type: str(r.fields.type),
        expression: str(r.fields.expression),
      });
  });

  return {
    family: str(f.family),
    containers,
    containerCount: rawContainers?.length ?? 0,
    requiresCompatibilities,
    networkMode,
    cpu,
    memory,
    cpuArchitecture,
    operatingSystemFamily,
    placementConstraints,
    executionRoleArn: str(f.executionRoleArn),
    taskRoleArn: str(f.taskRoleArn),
    pidMode: str(f.pidMode),
    bad,
  };
}

/**
 * Normalises task cpu/memory. A number is accepted (CloudFormation and the console take one) but
 * warned about: the API member is a string, so the AWS CLI rejects a bare number.
 */
function readTaskSize(
  field: 'cpu' | 'memory',
  value: unknown,
  parse: (v: string | number) => number | undefined,
  invalid: string,
  report: Reporter,
  bad: Set<string>,
): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (typeof value === 'number') {
    report.warn(
      [field],
      `The AWS CLI expects a string here ("${value}"): Invalid type for parameter ${report.pathOf([field])}, value: ${value}, type: <class 'int'>, valid types: <class 'str'>`,
    );
  }
  const parsed = parse(value);
  if (parsed === undefined) {
    report.error([field], invalid);
    bad.add(field);
  }
  return parsed;
}
