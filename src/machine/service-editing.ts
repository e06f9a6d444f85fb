/**
 * What the inspector lets a learner edit on a service (issue 5), as the ECS and Application Auto
 * Scaling calls the console makes — pure: the form's current values read from the state, and the
 * commands an "Apply" sends, or the refusal in AWS's words (nothing sent). Each section is one
 * user action (one undo step):
 * - Placement (EC2 launch type only): UpdateService placementStrategy / placementConstraints.
 *   Fargate refuses with ECS's "Placement strategies and constraints are not supported with
 *   FARGATE launch type." [ECS-API UpdateService].
 * - Deployment configuration: UpdateService deploymentConfiguration (minimumHealthyPercent,
 *   maximumPercent, deploymentCircuitBreaker enable/rollback) — the sim checks ECS's ranges.
 * - Scaling: RegisterScalableTarget (min/max) + PutScalingPolicy (target tracking on a
 *   predefined metric), or DeleteScalingPolicy to remove it.
 * Numbers are typed as text; a value that is not a whole number is refused as the AWS CLI
 * refuses it before sending ("Invalid type for parameter …", botocore's parameter validation).
 */
import { invalidTypeMessage } from '../formats/task-definition-fields.ts';
import type { PlacementConstraint, PlacementStrategy, SimCommand, SimState } from '../sim/index.ts';
import { dryRun } from './drop-commands.ts';

/** The placement strategies the form offers (the console's templates, plus "none"). */
export const STRATEGY_PRESETS: readonly {
  readonly id: string;
  readonly label: string;
  readonly strategy: readonly PlacementStrategy[];
}[] = [
  {
    id: 'az-balanced-spread',
    label: 'AZ balanced spread (spread AZ, then instanceId)',
    strategy: [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'spread', field: 'instanceId' },
    ],
  },
  {
    id: 'az-balanced-binpack',
    label: 'AZ balanced binpack (spread AZ, then binpack memory)',
    strategy: [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ],
  },
  {
    id: 'binpack-memory',
    label: 'Binpack memory',
    strategy: [{ type: 'binpack', field: 'memory' }],
  },
  { id: 'binpack-cpu', label: 'Binpack CPU', strategy: [{ type: 'binpack', field: 'cpu' }] },
  {
    id: 'spread-instance',
    label: 'One task per host (spread instanceId)',
    strategy: [{ type: 'spread', field: 'instanceId' }],
  },
  { id: 'random', label: 'Random', strategy: [{ type: 'random' }] },
  { id: 'none', label: 'None (default: spread across AZs)', strategy: [] },
];

const sameStrategy = (a: readonly PlacementStrategy[], b: readonly PlacementStrategy[]): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

export type ScalingMetric =
  | 'ECSServiceAverageCPUUtilization'
  | 'ECSServiceAverageMemoryUtilization'
  | 'ALBRequestCountPerTarget';

/** The form's values, as text where the learner types. */
export interface ServiceForm {
  /** A STRATEGY_PRESETS id, or 'custom' when the service has another strategy (left as it is). */
  readonly strategy: string;
  readonly distinctInstance: boolean;
  /** A memberOf expression (cluster query language), '' for none. */
  readonly memberOf: string;
  readonly minimumHealthyPercent: string;
  readonly maximumPercent: string;
  readonly circuitBreaker: boolean;
  readonly rollback: boolean;
  /** A target-tracking policy is (to be) attached. */
  readonly scaling: boolean;
  readonly metric: ScalingMetric;
  readonly targetValue: string;
  readonly minCapacity: string;
  readonly maxCapacity: string;
}

interface TrackingPolicyView {
  readonly policyType: string;
  readonly policyName: string;
  readonly predefinedMetricType?: ScalingMetric;
  readonly targetValue?: number;
}

function scalingOf(state: SimState, serviceName: string) {
  return state.traffic?.scaling[serviceName];
}

function trackingPolicy(state: SimState, serviceName: string): TrackingPolicyView | undefined {
  const policies = (scalingOf(state, serviceName)?.policies ?? []) as readonly TrackingPolicyView[];
  return policies.find((p) => p.policyType === 'TargetTrackingScaling');
}

/** The form filled with the service's current settings (undefined: no such ACTIVE service). */
export function serviceForm(state: SimState, serviceName: string): ServiceForm | undefined {
  const svc = state.services[serviceName];
  if (svc === undefined || svc.status !== 'ACTIVE') return undefined;
  const preset = STRATEGY_PRESETS.find((p) => sameStrategy(p.strategy, svc.placementStrategy));
  const memberOf = svc.placementConstraints.find((c) => c.type === 'memberOf');
  const cfg = svc.deploymentConfiguration;
  const scaling = scalingOf(state, serviceName);
  const policy = trackingPolicy(state, serviceName);
  return {
    strategy: preset?.id ?? 'custom',
    distinctInstance: svc.placementConstraints.some((c) => c.type === 'distinctInstance'),
    memberOf: memberOf?.type === 'memberOf' ? memberOf.expression : '',
    minimumHealthyPercent: String(cfg.minimumHealthyPercent),
    maximumPercent: String(cfg.maximumPercent),
    circuitBreaker: cfg.deploymentCircuitBreaker.enable,
    rollback: cfg.deploymentCircuitBreaker.rollback,
    scaling: policy !== undefined,
    metric: policy?.predefinedMetricType ?? 'ECSServiceAverageCPUUtilization',
    targetValue: String(policy?.targetValue ?? 50),
    minCapacity: String(scaling?.target.minCapacity ?? 1),
    maxCapacity: String(scaling?.target.maxCapacity ?? Math.max(4, svc.desiredCount * 2)),
  };
}

export type EditSection = 'placement' | 'deployment' | 'scaling';

export type EditPlan =
  | { readonly ok: true; readonly commands: readonly SimCommand[]; readonly summary: string }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): EditPlan => ({ ok: false, reason });

/** A typed whole number, or botocore's parameter-validation message for `path`. */
function integer(text: string, path: string): number | string {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return Number(t);
  const n = Number(t);
  const value = t !== '' && Number.isFinite(n) ? n : t;
  return `Parameter validation failed:\n${invalidTypeMessage(path, value, 'integer')}`;
}

/** A typed number (target values may be fractional), or botocore's message. */
function double(text: string, path: string): number | string {
  const t = text.trim();
  const n = Number(t);
  if (t !== '' && Number.isFinite(n)) return n;
  return `Parameter validation failed:\nInvalid type for parameter ${path}, value: '${t}', type: <class 'str'>, valid types: <class 'float'>, <class 'decimal.Decimal'>, <class 'int'>`;
}

function plan(
  state: SimState,
  serviceName: string,
  section: EditSection,
  f: ServiceForm,
): EditPlan {
  const svc = state.services[serviceName];
  if (svc === undefined || svc.status !== 'ACTIVE')
    return refuse('ServiceNotFoundException: Service not found.');
  switch (section) {
    case 'placement': {
      const preset = STRATEGY_PRESETS.find((p) => p.id === f.strategy);
      const strategy = preset?.strategy ?? svc.placementStrategy;
      const constraints: PlacementConstraint[] = [];
      if (f.distinctInstance) constraints.push({ type: 'distinctInstance' });
      if (f.memberOf.trim() !== '')
        constraints.push({ type: 'memberOf', expression: f.memberOf.trim() });
      return {
        ok: true,
        commands: [
          {
            type: 'UPDATE_SERVICE',
            serviceName,
            placementStrategy: strategy,
            placementConstraints: constraints,
          },
        ],
        summary: `UpdateService ${serviceName}: placement ${strategy.map((s) => ('field' in s ? `${s.type}(${s.field})` : s.type)).join(' → ') || 'default'}${constraints.length > 0 ? `, constraints ${constraints.map((c) => (c.type === 'memberOf' ? `memberOf(${c.expression})` : c.type)).join(', ')}` : ''} (a new deployment places the tasks again).`,
      };
    }
    case 'deployment': {
      const min = integer(f.minimumHealthyPercent, 'deploymentConfiguration.minimumHealthyPercent');
      if (typeof min === 'string') return refuse(min);
      const max = integer(f.maximumPercent, 'deploymentConfiguration.maximumPercent');
      if (typeof max === 'string') return refuse(max);
      return {
        ok: true,
        commands: [
          {
            type: 'UPDATE_SERVICE',
            serviceName,
            deploymentConfiguration: {
              minimumHealthyPercent: min,
              maximumPercent: max,
              deploymentCircuitBreaker: { enable: f.circuitBreaker, rollback: f.rollback },
            },
          },
        ],
        summary: `UpdateService ${serviceName}: minimumHealthyPercent ${min}, maximumPercent ${max}, circuit breaker ${f.circuitBreaker ? `on (rollback ${f.rollback ? 'on' : 'off'})` : 'off'}.`,
      };
    }
    case 'scaling': {
      const existing = trackingPolicy(state, serviceName);
      if (!f.scaling) {
        if (existing === undefined)
          return refuse('The service has no target-tracking policy to remove.');
        return {
          ok: true,
          commands: [
            { type: 'DELETE_SCALING_POLICY', serviceName, policyName: existing.policyName },
          ],
          summary: `DeleteScalingPolicy ${existing.policyName}: the desired count stays where it is.`,
        };
      }
      const min = integer(f.minCapacity, 'MinCapacity');
      if (typeof min === 'string') return refuse(min);
      const max = integer(f.maxCapacity, 'MaxCapacity');
      if (typeof max === 'string') return refuse(max);
      const target = double(f.targetValue, 'TargetTrackingScalingPolicyConfiguration.TargetValue');
      if (typeof target === 'string') return refuse(target);
      const policyName = existing?.policyName ?? `${serviceName}-target-tracking`;
      return {
        ok: true,
        commands: [
          { type: 'REGISTER_SCALABLE_TARGET', serviceName, minCapacity: min, maxCapacity: max },
          {
            type: 'PUT_SCALING_POLICY',
            serviceName,
            policyName,
            targetTracking: { predefinedMetricType: f.metric, targetValue: target },
          },
        ],
        summary: `RegisterScalableTarget ${serviceName} (min ${min}, max ${max}) and PutScalingPolicy ${policyName}: keep ${f.metric} at ${target}.`,
      };
    }
  }
}

/**
 * The commands that apply one section of the form, dry-run first: a refusal carries the API's
 * own words and nothing is sent.
 */
export function serviceEditPlan(
  state: SimState,
  serviceName: string,
  section: EditSection,
  form: ServiceForm,
): EditPlan {
  const p = plan(state, serviceName, section, form);
  if (!p.ok) return p;
  const error = dryRun(state, p.commands);
  return error === undefined ? p : refuse(error);
}
