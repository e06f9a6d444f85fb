/**
 * Traffic, load balancing, metrics and auto scaling: pure building blocks the ECS core's step calls
 * (load → ALB routing → utilisation → CloudWatch datapoints → alarms → Application Auto Scaling /
 * capacity provider managed scaling). Each module takes small explicit inputs and returns new values.
 */
export * from './load.ts';
export * from './target-group.ts';
export * from './routing.ts';
export * from './alb.ts';
export * from './utilization.ts';
export * from './metrics.ts';
export * from './metric-samples.ts';
export * from './alarms.ts';
export * from './target-tracking.ts';
export * from './step-scaling.ts';
export * from './scheduled-scaling.ts';
export * from './scaling-decision.ts';
export * from './autoscaling.ts';
export * from './capacity-provider.ts';
export * from './capacity-strategy.ts';
export * from './state.ts';
export * from './commands.ts';
export {
  lbDimension,
  tgDimension,
  DEFAULT_INSTANCE_LAUNCH_SECONDS,
} from './apply-traffic-command.ts';
export * from './outlook.ts';
export * from './target-step.ts';
export * from './task-traffic.ts';
export * from './task-load.ts';
