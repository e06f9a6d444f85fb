/**
 * CloudWatch metric alarms over 1-minute datapoints ("M out of N" evaluation). Pure.
 * Missing data is treated as missing (CloudWatch's default `treatMissingData`): a window with no
 * datapoint at all is INSUFFICIENT_DATA.
 */
import { PERIOD_MS, statValue, type Datapoint, type Statistic } from './metrics.ts';

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** An alarm definition (period fixed at 60 s, the resolution metrics.ts keeps). */
export interface AlarmConfig {
  readonly alarmName: string;
  /** Key of the metric in the MetricsStore (metricKey()). */
  readonly metricKey: string;
  readonly statistic: Statistic;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/** The alarm's state as the console shows it. */
export interface AlarmStatus {
  readonly alarmName: string;
  readonly state: AlarmStateValue;
  readonly stateSince: number;
  readonly stateReason: string;
  /** Breaching datapoints in the current window, and how many are needed. */
  readonly breaching: number;
  readonly datapointsToAlarm: number;
  readonly evaluationPeriods: number;
  readonly threshold: number;
  /** The newest datapoint value in the window, if any. */
  readonly lastValue?: number;
}

const WORDS: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** Pure: whether `value` breaches the alarm's threshold. */
export function breaches(config: AlarmConfig, value: number): boolean {
  switch (config.comparisonOperator) {
    case 'GreaterThanThreshold':
      return value > config.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= config.threshold;
    case 'LessThanThreshold':
      return value < config.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= config.threshold;
  }
}

/**
 * Pure: the datapoints of the evaluation window at `now`: the last `evaluationPeriods` complete
 * minutes (the minute in progress is not yet a datapoint).
 */
export function evaluationWindow(
  config: AlarmConfig,
  points: readonly Datapoint[],
  now: number,
): Datapoint[] {
  const lastComplete = Math.floor(now / PERIOD_MS) - 1;
  const first = lastComplete - config.evaluationPeriods + 1;
  return points.filter((p) => {
    const m = Math.floor(p.timestamp / PERIOD_MS);
    return m >= first && m <= lastComplete;
  });
}

/**
 * Pure: evaluates the alarm at `now` over `points` (complete datapoints, oldest first). ALARM when at
 * least `datapointsToAlarm` of the window's datapoints breach; INSUFFICIENT_DATA when the window is
 * empty; OK otherwise. `previous` keeps `stateSince` across evaluations with no change.
 */
export function evaluateAlarm(
  config: AlarmConfig,
  points: readonly Datapoint[],
  now: number,
  previous?: AlarmStatus,
): AlarmStatus {
  const window = evaluationWindow(config, points, now);
  const values = window.map((p) => statValue(p, config.statistic));
  const breaching = values.filter((v) => breaches(config, v)).length;
  const state: AlarmStateValue =
    values.length === 0
      ? 'INSUFFICIENT_DATA'
      : breaching >= config.datapointsToAlarm
        ? 'ALARM'
        : 'OK';
  const shown = values.map((v) => v.toFixed(1)).join(', ');
  // Modelled on CloudWatch's "Threshold Crossed: …" state reason (datapoint dates omitted).
  const reason =
    state === 'INSUFFICIENT_DATA'
      ? 'Insufficient Data: no datapoints were received for the evaluation period.'
      : `Threshold Crossed: ${state === 'ALARM' ? breaching : values.length - breaching} out of the last ${config.evaluationPeriods} datapoints [${shown}] were ${state === 'ALARM' ? '' : 'not '}${WORDS[config.comparisonOperator]} the threshold (${config.threshold.toFixed(1)}).`;
  const changed = previous === undefined || previous.state !== state;
  const last = values[values.length - 1];
  return {
    alarmName: config.alarmName,
    state,
    stateSince: changed ? now : previous.stateSince,
    stateReason: reason,
    breaching,
    datapointsToAlarm: config.datapointsToAlarm,
    evaluationPeriods: config.evaluationPeriods,
    threshold: config.threshold,
    ...(last === undefined ? {} : { lastValue: last }),
  };
}
