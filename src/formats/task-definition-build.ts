/**
 * Turns a validated DraftTaskDefinition into the simulator's TaskDefinitionInput (src/sim/model.ts).
 * Only called when validation found no errors, so required fields are present.
 */
import type {
  ContainerDefinition,
  PlacementConstraint,
  PortMapping,
  TaskDefinitionInput,
} from '../sim/index.ts';
import type { DraftContainer, DraftTaskDefinition } from './task-definition-draft.ts';

/** Pure: builds the model value; networkMode defaults to bridge (Linux EC2 default, reference A1.1). */
export function buildTaskDefinitionInput(td: DraftTaskDefinition): TaskDefinitionInput {
  const placementConstraints: PlacementConstraint[] = td.placementConstraints.map((pc) => ({
    type: 'memberOf',
    expression: pc.expression ?? '',
  }));
  return {
    family: td.family ?? '',
    containerDefinitions: (td.containers ?? []).map(buildContainer),
    requiresCompatibilities: [...td.requiresCompatibilities],
    networkMode: td.networkMode ?? 'bridge',
    ...(td.cpu !== undefined && { cpu: td.cpu }),
    ...(td.memory !== undefined && { memory: td.memory }),
    ...(td.executionRoleArn !== undefined && { executionRoleArn: td.executionRoleArn }),
    ...(td.taskRoleArn !== undefined && { taskRoleArn: td.taskRoleArn }),
    cpuArchitecture: td.cpuArchitecture,
    operatingSystemFamily: td.operatingSystemFamily,
    placementConstraints,
  };
}

function buildContainer(c: DraftContainer): ContainerDefinition {
  // Port ranges have no single containerPort; the model keeps single-port mappings only.
  const portMappings: PortMapping[] = c.portMappings.flatMap((pm) =>
    pm.containerPort === undefined
      ? []
      : [
          {
            containerPort: pm.containerPort,
            ...(pm.hostPort !== undefined && { hostPort: pm.hostPort }),
            protocol: pm.protocol,
            ...(pm.name !== undefined && { name: pm.name }),
          },
        ],
  );
  const hc = c.healthCheck;
  return {
    name: c.name ?? '',
    image: c.image ?? '',
    cpu: c.cpu ?? 0, // container cpu is optional; 0 when omitted [ECS-API ContainerDefinition.cpu]
    ...(c.memory !== undefined && { memory: c.memory }),
    ...(c.memoryReservation !== undefined && { memoryReservation: c.memoryReservation }),
    essential: c.essential,
    portMappings,
    environment: c.environment.map((e) => ({ name: e.name, value: e.value })),
    ...(hc !== undefined && {
      healthCheck: {
        command: [...(hc.command ?? [])],
        interval: hc.interval,
        timeout: hc.timeout,
        retries: hc.retries,
        startPeriod: hc.startPeriod,
      },
    }),
    ...(c.command !== undefined && { command: [...c.command] }),
    ...(c.stopTimeout !== undefined && { stopTimeout: c.stopTimeout }),
  };
}
