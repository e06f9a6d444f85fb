/**
 * Reads one `containerDefinitions[i]` entry into a DraftContainer: type checks (botocore wording),
 * unknown-member warnings, enum checks, and ECS's defaults (essential true, protocol tcp,
 * health-check interval 30 / timeout 5 / retries 3 / startPeriod 0 [ECS-API HealthCheck]).
 */
import type { PathSegment } from './diagnostics.ts';
import type { Reporter } from './diagnostic-reporter.ts';
import type {
  DraftContainer,
  DraftDependency,
  DraftHealthCheck,
  DraftPortMapping,
} from './task-definition-draft.ts';
import {
  APP_PROTOCOLS,
  CONTAINER_CONDITIONS,
  CONTAINER_DEFINITION_FIELDS,
  DEPENDENCY_FIELDS,
  HEALTH_CHECK_FIELDS,
  KEY_VALUE_FIELDS,
  PORT_MAPPING_FIELDS,
  TRANSPORT_PROTOCOLS,
} from './task-definition-fields.ts';
import { readEnum, readObject, readStringList } from './task-definition-read.ts';

/** Health-check defaults [ECS-API HealthCheck] (reference A1.4). */
export const HEALTH_CHECK_DEFAULTS = {
  interval: 30,
  timeout: 5,
  retries: 3,
  startPeriod: 0,
} as const;

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** Reads containerDefinitions[index]; undefined when the entry is not an object (reported). */
export function readContainer(
  value: unknown,
  index: number,
  report: Reporter,
): DraftContainer | undefined {
  const path: PathSegment[] = ['containerDefinitions', index];
  const read = readObject(value, path, CONTAINER_DEFINITION_FIELDS, report);
  if (read === undefined) return undefined;
  const f = read.fields;
  const portMappings = list(f.portMappings).flatMap((pm, i) => {
    const draft = readPortMapping(pm, [...path, 'portMappings', i], i, report);
    return draft === undefined ? [] : [draft];
  });
  const environment = list(f.environment).flatMap((kv, i) => {
    const entry = readObject(kv, [...path, 'environment', i], KEY_VALUE_FIELDS, report);
    if (entry === undefined) return [];
    return [{ name: str(entry.fields.name) ?? '', value: str(entry.fields.value) ?? '' }];
  });
  const dependsOn = list(f.dependsOn).flatMap((dep, i) => {
    const draft = readDependency(dep, [...path, 'dependsOn', i], i, report);
    return draft === undefined ? [] : [draft];
  });
  const healthCheck =
    f.healthCheck === undefined
      ? undefined
      : readHealthCheck(f.healthCheck, [...path, 'healthCheck'], report);
  const command = Array.isArray(f.command)
    ? readStringList(f.command, [...path, 'command'], report)
    : undefined;
  return {
    index,
    name: str(f.name),
    image: str(f.image),
    cpu: num(f.cpu),
    memory: num(f.memory),
    memoryReservation: num(f.memoryReservation),
    // essential defaults to true [ECS-API ContainerDefinition.essential].
    essential: typeof f.essential === 'boolean' ? f.essential : true,
    portMappings,
    environment,
    healthCheck,
    command,
    stopTimeout: num(f.stopTimeout),
    dependsOn,
    bad: read.bad,
  };
}

function readPortMapping(
  value: unknown,
  path: PathSegment[],
  index: number,
  report: Reporter,
): DraftPortMapping | undefined {
  const read = readObject(value, path, PORT_MAPPING_FIELDS, report);
  if (read === undefined) return undefined;
  const f = read.fields;
  const bad = new Set(read.bad);
  let protocol: 'tcp' | 'udp' = 'tcp'; // default tcp [ECS-API PortMapping.protocol]
  if (typeof f.protocol === 'string') {
    const p = readEnum(f.protocol, TRANSPORT_PROTOCOLS, [...path, 'protocol'], report);
    if (p === undefined) bad.add('protocol');
    else protocol = p;
  }
  if (typeof f.appProtocol === 'string')
    readEnum(f.appProtocol, APP_PROTOCOLS, [...path, 'appProtocol'], report);
  return {
    index,
    containerPort: num(f.containerPort),
    hostPort: num(f.hostPort),
    protocol,
    name: str(f.name),
    containerPortRange: str(f.containerPortRange),
    bad,
  };
}

function readHealthCheck(
  value: unknown,
  path: PathSegment[],
  report: Reporter,
): DraftHealthCheck | undefined {
  const read = readObject(value, path, HEALTH_CHECK_FIELDS, report);
  if (read === undefined) return undefined;
  const f = read.fields;
  if (f.command === undefined && !read.bad.has('command')) {
    // botocore: HealthCheck.command is a required member.
    report.error(path, `Missing required parameter in ${report.pathOf(path)}: "command"`);
  }
  return {
    command: Array.isArray(f.command)
      ? readStringList(f.command, [...path, 'command'], report)
      : undefined,
    interval: num(f.interval) ?? HEALTH_CHECK_DEFAULTS.interval,
    timeout: num(f.timeout) ?? HEALTH_CHECK_DEFAULTS.timeout,
    retries: num(f.retries) ?? HEALTH_CHECK_DEFAULTS.retries,
    startPeriod: num(f.startPeriod) ?? HEALTH_CHECK_DEFAULTS.startPeriod,
    bad: read.bad,
  };
}

function readDependency(
  value: unknown,
  path: PathSegment[],
  index: number,
  report: Reporter,
): DraftDependency | undefined {
  const read = readObject(value, path, DEPENDENCY_FIELDS, report);
  if (read === undefined) return undefined;
  const f = read.fields;
  for (const member of ['containerName', 'condition'] as const) {
    if (f[member] === undefined && !read.bad.has(member)) {
      // botocore: ContainerDependency requires containerName and condition.
      report.error(path, `Missing required parameter in ${report.pathOf(path)}: "${member}"`);
    }
  }
  const condition =
    typeof f.condition === 'string'
      ? readEnum(f.condition, CONTAINER_CONDITIONS, [...path, 'condition'], report)
      : undefined;
  return { index, containerName: str(f.containerName), condition };
}
