/**
 * Port-mapping rules per network mode (reference A1.5):
 * - awsvpc/host: hostPort omitted or equal to containerPort (AWS: "When networkMode=awsvpc, the
 *   host ports and container ports in port mappings must match.");
 * - none: no port mappings;
 * - containerPort 1–65535, hostPort 0–65535 (0 = dynamic in bridge mode);
 * - one host port per protocol per task: in awsvpc/host the container port *is* the host port,
 *   in bridge a non-zero hostPort is reserved on the instance;
 * - containerPortRange only in bridge/awsvpc, as "first-last" within 1–65535.
 */
import type { PathSegment } from './diagnostics.ts';
import type { NetworkMode } from './task-definition-draft.ts';
import type { Reporter } from './diagnostic-reporter.ts';
import type { TaskDefinitionRule } from './task-definition-rules.ts';

const MAX_PORT = 65535;
const RANGE_PATTERN = /^(\d+)-(\d+)$/;

export const PORT_RULES: readonly TaskDefinitionRule[] = [
  {
    id: 'port-mappings',
    source:
      'A1.5 [ECS-DG task_definition_parameters]; awsvpc text seen in AWS ClientException responses',
    check: (td, report) => {
      // ECS uses bridge when networkMode is omitted (Linux EC2 default).
      const mode = td.networkMode ?? 'bridge';
      const firstUse = new Map<string, string>();
      for (const c of td.containers ?? []) {
        const name = c.name ?? '';
        for (const pm of c.portMappings) {
          const path: PathSegment[] = ['containerDefinitions', c.index, 'portMappings', pm.index];
          if (mode === 'none') {
            // Wording not verified.
            report.error(
              path,
              `Port mappings are not supported when networkMode=none (container '${name}').`,
            );
            continue;
          }
          if (pm.containerPortRange !== undefined) {
            checkRange(pm.containerPortRange, pm.containerPort, mode, name, path, report);
            continue;
          }
          if (pm.bad.has('containerPort') || pm.bad.has('hostPort')) continue;
          const cp = pm.containerPort;
          if (cp === undefined || cp < 1 || cp > MAX_PORT) {
            const where = cp === undefined ? path : [...path, 'containerPort'];
            report.error(where, `Invalid 'containerPort' setting for container '${name}'.`);
            continue;
          }
          const hp = pm.hostPort;
          if (hp !== undefined && (hp < 0 || hp > MAX_PORT)) {
            report.error(
              [...path, 'hostPort'],
              `Invalid 'hostPort' setting for container '${name}'.`,
            ); // wording not verified
            continue;
          }
          if ((mode === 'awsvpc' || mode === 'host') && hp !== undefined && hp !== cp) {
            report.error(
              [...path, 'hostPort'],
              `When networkMode=${mode}, the host ports and container ports in port mappings must match.`,
            );
            continue;
          }
          const effective = mode === 'bridge' ? hp : cp;
          if (effective === undefined || effective === 0) continue; // dynamic host port
          const key = `${effective}/${pm.protocol}`;
          const where = report.pathOf(path);
          const first = firstUse.get(key);
          if (first !== undefined) {
            // Docker cannot bind one host port twice; wording not verified.
            report.error(
              [...path, mode === 'bridge' ? 'hostPort' : 'containerPort'],
              `Host port ${key} is mapped more than once in the task (first at ${first}).`,
            );
          } else {
            firstUse.set(key, where);
          }
        }
      }
    },
  },
];

function checkRange(
  range: string,
  containerPort: number | undefined,
  mode: NetworkMode,
  name: string,
  path: PathSegment[],
  report: Reporter,
): void {
  const m = RANGE_PATTERN.exec(range);
  const first = Number(m?.[1]);
  const last = Number(m?.[2]);
  // Wording of these three not verified.
  if (mode !== 'bridge' && mode !== 'awsvpc') {
    report.error(
      [...path, 'containerPortRange'],
      `containerPortRange is only supported with networkMode bridge or awsvpc (container '${name}').`,
    );
  } else if (containerPort !== undefined) {
    report.error(
      path,
      `Invalid port mapping for container '${name}'. Specify either 'containerPort' or 'containerPortRange', not both.`,
    );
  } else if (m === null || first < 1 || last > MAX_PORT || first >= last) {
    report.error(
      [...path, 'containerPortRange'],
      `Invalid 'containerPortRange' setting for container '${name}'. Use "first-last" with 1 <= first < last <= 65535.`,
    );
  }
}
