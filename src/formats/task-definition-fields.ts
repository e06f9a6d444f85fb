/**
 * The field tables of a task definition, taken from the ECS API model (botocore
 * `ecs/2014-11-13/service-2.json`: RegisterTaskDefinitionRequest, TaskDefinition,
 * ContainerDefinition, PortMapping, HealthCheck …), and the AWS CLI's type check.
 * Type errors use botocore's wording ("Invalid type for parameter …"), which is what
 * `aws ecs register-task-definition --cli-input-json` prints before calling the API.
 */

/** Parameter types as the API model names them; `cpuOrMemory` is a task-level string or number. */
export type FieldType =
  'string' | 'integer' | 'boolean' | 'list' | 'structure' | 'map' | 'cpuOrMemory';

export type FieldTable = Readonly<Record<string, FieldType>>;

/** RegisterTaskDefinitionRequest members (what --cli-input-json may hold). */
export const TASK_DEFINITION_FIELDS: FieldTable = {
  family: 'string',
  taskRoleArn: 'string',
  executionRoleArn: 'string',
  networkMode: 'string',
  containerDefinitions: 'list',
  volumes: 'list',
  placementConstraints: 'list',
  requiresCompatibilities: 'list',
  cpu: 'cpuOrMemory',
  memory: 'cpuOrMemory',
  tags: 'list',
  pidMode: 'string',
  ipcMode: 'string',
  proxyConfiguration: 'structure',
  inferenceAccelerators: 'list',
  ephemeralStorage: 'structure',
  runtimePlatform: 'structure',
  enableFaultInjection: 'boolean',
};

/**
 * TaskDefinition members that only describe-task-definition returns; ECS computes them at
 * registration, so they are accepted and ignored when a described definition is re-used.
 */
export const READ_ONLY_TASK_DEFINITION_FIELDS: ReadonlySet<string> = new Set([
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'deregisteredAt',
  'deleteRequestedAt',
  'registeredBy',
]);

/** ContainerDefinition members. */
export const CONTAINER_DEFINITION_FIELDS: FieldTable = {
  name: 'string',
  image: 'string',
  repositoryCredentials: 'structure',
  cpu: 'integer',
  memory: 'integer',
  memoryReservation: 'integer',
  links: 'list',
  portMappings: 'list',
  essential: 'boolean',
  restartPolicy: 'structure',
  entryPoint: 'list',
  command: 'list',
  environment: 'list',
  environmentFiles: 'list',
  mountPoints: 'list',
  volumesFrom: 'list',
  linuxParameters: 'structure',
  secrets: 'list',
  dependsOn: 'list',
  startTimeout: 'integer',
  stopTimeout: 'integer',
  versionConsistency: 'string',
  hostname: 'string',
  user: 'string',
  workingDirectory: 'string',
  disableNetworking: 'boolean',
  privileged: 'boolean',
  readonlyRootFilesystem: 'boolean',
  dnsServers: 'list',
  dnsSearchDomains: 'list',
  extraHosts: 'list',
  dockerSecurityOptions: 'list',
  interactive: 'boolean',
  pseudoTerminal: 'boolean',
  dockerLabels: 'map',
  ulimits: 'list',
  logConfiguration: 'structure',
  healthCheck: 'structure',
  systemControls: 'list',
  resourceRequirements: 'list',
  firelensConfiguration: 'structure',
  credentialSpecs: 'list',
};

export const PORT_MAPPING_FIELDS: FieldTable = {
  containerPort: 'integer',
  hostPort: 'integer',
  protocol: 'string',
  name: 'string',
  appProtocol: 'string',
  containerPortRange: 'string',
};

export const HEALTH_CHECK_FIELDS: FieldTable = {
  command: 'list',
  interval: 'integer',
  timeout: 'integer',
  retries: 'integer',
  startPeriod: 'integer',
};

export const KEY_VALUE_FIELDS: FieldTable = { name: 'string', value: 'string' };
export const DEPENDENCY_FIELDS: FieldTable = { containerName: 'string', condition: 'string' };
export const RUNTIME_PLATFORM_FIELDS: FieldTable = {
  cpuArchitecture: 'string',
  operatingSystemFamily: 'string',
};
export const PLACEMENT_CONSTRAINT_FIELDS: FieldTable = { type: 'string', expression: 'string' };

/** Enumerations from the API model. */
export const COMPATIBILITIES = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'] as const;
export const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none'] as const;
export const TRANSPORT_PROTOCOLS = ['tcp', 'udp'] as const;
export const CPU_ARCHITECTURES = ['X86_64', 'ARM64'] as const;
export const OS_FAMILIES = [
  'LINUX',
  'WINDOWS_SERVER_2019_FULL',
  'WINDOWS_SERVER_2019_CORE',
  'WINDOWS_SERVER_2016_FULL',
  'WINDOWS_SERVER_2004_CORE',
  'WINDOWS_SERVER_2022_CORE',
  'WINDOWS_SERVER_2022_FULL',
  'WINDOWS_SERVER_2025_CORE',
  'WINDOWS_SERVER_2025_FULL',
  'WINDOWS_SERVER_20H2_CORE',
] as const;
export const CONTAINER_CONDITIONS = ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY'] as const;
export const APP_PROTOCOLS = ['http', 'http2', 'grpc'] as const;

/** True when `value` has the JSON shape `type` asks for. */
export function hasFieldType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'list':
      return Array.isArray(value);
    case 'structure':
    case 'map':
      return isPlainObject(value);
    case 'cpuOrMemory':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
  }
}

/** True for a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PY_TYPES: Record<FieldType, string> = {
  string: "<class 'str'>",
  integer: "<class 'int'>",
  boolean: "<class 'bool'>",
  list: "<class 'list'>, <class 'tuple'>",
  structure: "<class 'dict'>",
  map: "<class 'dict'>",
  cpuOrMemory: "<class 'str'>",
};

/** botocore's message for a value of the wrong type at `path` (e.g. "containerDefinitions[0].memory"). */
export function invalidTypeMessage(path: string, value: unknown, type: FieldType): string {
  return `Invalid type for parameter ${path}, value: ${pythonRepr(value)}, type: <class '${pythonType(value)}'>, valid types: ${PY_TYPES[type]}`;
}

function pythonType(value: unknown): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return Array.isArray(value) ? 'list' : 'dict';
}

/** Python's repr of a JSON value, shortened past 60 characters. */
export function pythonRepr(value: unknown): string {
  const repr = (v: unknown): string => {
    if (v === null) return 'None';
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    if (typeof v === 'number') return String(v);
    if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
    const entries = Object.entries(v as Record<string, unknown>);
    return `{${entries.map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}`;
  };
  const text = repr(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
