/**
 * Scenario actions for load, load balancers, Application Auto Scaling and capacity providers
 * (src/sim/traffic/commands.ts): the fields are the command's, named as the AWS APIs name them.
 */
import { arrayOf, bool, enumOf, int, objectSpec, str } from './scenario-spec.ts';
import type { FieldSpec, ObjectSpec } from './scenario-spec.ts';

const num = (minimum = 0): FieldSpec => ({ type: 'number', minimum });
const seconds = num(0);

/** A load shape (src/sim/traffic/load.ts); times count from when SET_LOAD runs. */
export const loadShape = objectSpec(
  {
    kind: enumOf(['constant', 'ramp', 'spike', 'sine', 'steps'], 'load shape'),
    rps: num(),
    from: num(),
    to: num(),
    base: num(),
    peak: num(),
    mean: num(),
    amplitude: num(),
    startSeconds: seconds,
    durationSeconds: seconds,
    periodSeconds: { type: 'number', exclusiveMinimum: 0 },
    phaseSeconds: seconds,
    initialRps: num(),
    steps: arrayOf(objectSpec({ atSeconds: seconds, rps: num() }, ['atSeconds', 'rps']), 1, 100),
  },
  ['kind'],
  'load shape',
  'constant {rps}, ramp {from,to,durationSeconds}, spike {base,peak,startSeconds,durationSeconds}, sine {mean,amplitude,periodSeconds}, steps {steps:[{atSeconds,rps}]}',
);

// [ELBv2-API] health-check ranges (reference A7.2).
const healthCheck = objectSpec({
  path: str(),
  intervalSeconds: int(5, 300),
  timeoutSeconds: int(2, 120),
  healthyThresholdCount: int(2, 10),
  unhealthyThresholdCount: int(2, 10),
  matcher: str(),
});

const comparison = enumOf(
  [
    'GreaterThanThreshold',
    'GreaterThanOrEqualToThreshold',
    'LessThanThreshold',
    'LessThanOrEqualToThreshold',
  ],
  'comparison operator',
);

export const TRAFFIC_ACTION_SPECS: Readonly<Record<string, ObjectSpec>> = {
  ATTACH_LOAD_BALANCER: objectSpec(
    {
      serviceName: str(),
      loadBalancerName: {
        type: 'string',
        pattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$',
        what: 'load balancer name',
      },
      targetGroupName: str(),
      containerPort: int(1, 65535),
      healthCheck,
      deregistrationDelaySeconds: int(0, 3600),
      algorithm: enumOf(['round_robin', 'least_outstanding_requests'], 'routing algorithm'),
      app: objectSpec({
        cpuMsPerRequest: num(),
        baseLatencyMs: num(),
        maxLatencyMs: num(),
        baseMemoryMiB: num(),
        memoryPerRequestMiB: num(),
      }),
    },
    ['serviceName', 'loadBalancerName'],
  ),
  SET_LOAD: objectSpec({ serviceName: str(), load: loadShape }, ['serviceName', 'load']),
  REGISTER_SCALABLE_TARGET: objectSpec(
    {
      serviceName: str(),
      minCapacity: int(0),
      maxCapacity: int(0),
      suspendedState: objectSpec({
        dynamicScalingInSuspended: bool,
        dynamicScalingOutSuspended: bool,
        scheduledScalingSuspended: bool,
      }),
    },
    ['serviceName', 'minCapacity', 'maxCapacity'],
  ),
  PUT_SCALING_POLICY: objectSpec(
    {
      serviceName: str(),
      policyName: str(),
      targetTracking: objectSpec(
        {
          predefinedMetricType: enumOf(
            [
              'ECSServiceAverageCPUUtilization',
              'ECSServiceAverageMemoryUtilization',
              'ALBRequestCountPerTarget',
            ],
            'predefined metric',
          ),
          targetValue: { type: 'number', exclusiveMinimum: 0 },
          scaleOutCooldown: int(0),
          scaleInCooldown: int(0),
          disableScaleIn: bool,
        },
        ['predefinedMetricType', 'targetValue'],
      ),
      stepScaling: objectSpec(
        {
          adjustmentType: enumOf(
            ['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity'],
            'adjustment type',
          ),
          stepAdjustments: arrayOf(
            objectSpec(
              {
                metricIntervalLowerBound: { type: 'number' },
                metricIntervalUpperBound: { type: 'number' },
                scalingAdjustment: int(),
              },
              ['scalingAdjustment'],
            ),
            1,
            20,
          ),
          minAdjustmentMagnitude: int(1),
          cooldown: int(0),
          alarm: objectSpec(
            {
              metric: enumOf(['CPUUtilization', 'MemoryUtilization'], 'metric'),
              threshold: { type: 'number' },
              comparisonOperator: comparison,
              evaluationPeriods: int(1),
              datapointsToAlarm: int(1),
            },
            ['metric', 'threshold', 'comparisonOperator'],
          ),
        },
        ['adjustmentType', 'stepAdjustments', 'alarm'],
      ),
    },
    ['serviceName', 'policyName'],
  ),
  DELETE_SCALING_POLICY: objectSpec({ serviceName: str(), policyName: str() }, [
    'serviceName',
    'policyName',
  ]),
  PUT_SCHEDULED_ACTION: objectSpec(
    {
      serviceName: str(),
      scheduledActionName: str(),
      schedule: str(),
      minCapacity: int(0),
      maxCapacity: int(0),
    },
    ['serviceName', 'scheduledActionName', 'schedule'],
  ),
  CREATE_CAPACITY_PROVIDER: objectSpec(
    {
      name: str(),
      instanceType: str(),
      minSize: int(0),
      maxSize: int(0),
      desiredCapacity: int(0),
      managedScaling: objectSpec({
        targetCapacity: int(1, 100),
        minimumScalingStepSize: int(1, 10000),
        maximumScalingStepSize: int(1, 10000),
        instanceWarmupPeriod: int(0, 10000),
      }),
      managedTerminationProtection: bool,
      launchSeconds: int(0, 3600),
    },
    ['name', 'instanceType', 'minSize', 'maxSize'],
  ),
  SET_CAPACITY_PROVIDER_STRATEGY: objectSpec(
    {
      serviceName: str(),
      capacityProviderStrategy: arrayOf(
        objectSpec({ capacityProvider: str(), base: int(0, 100000), weight: int(0, 1000) }, [
          'capacityProvider',
        ]),
        1,
        6,
      ),
    },
    ['serviceName', 'capacityProviderStrategy'],
  ),
};
