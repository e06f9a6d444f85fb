/**
 * Evaluates scenario conditions (`expect:` entries and ADVANCE_UNTIL's `condition`) against a
 * simulation state, with a human description and the actual value for ✓/✗ reports. Pure.
 */
import { TASK_STATUSES, serviceCounts } from '../../sim/index.ts';
import type { SimState } from '../../sim/index.ts';
import type { ScenarioCondition } from '../../formats/scenario-types.ts';
import { evaluateEksCondition } from './conditions-eks.ts';
import { describeSelector, latestRevisionKey, matchInstances, matchTasks } from './selectors.ts';

/** The outcome of one check. */
export interface ConditionResult {
  readonly description: string;
  readonly ok: boolean;
  /** What the cluster actually showed, e.g. "desired 2, running 1, pending 1". */
  readonly actual: string;
}

/** Id of the newest event in `state` (0 when there is none); events after it are "new". */
export function lastEventId(state: SimState): number {
  return state.events.at(-1)?.id ?? 0;
}

const countOk = (count: number | undefined, actual: number): boolean =>
  count === undefined ? actual >= 1 : actual === count;
const countText = (count: number | undefined): string =>
  count === undefined ? '≥ 1' : `= ${count}`;

/**
 * Checks `condition` in `state`. Event conditions with `since: step` only look at events newer
 * than `sinceEventId` (the newest event when the step or ADVANCE_UNTIL began). Pure.
 */
export function evaluateCondition(
  state: SimState,
  condition: ScenarioCondition,
  sinceEventId: number,
): ConditionResult {
  switch (condition.kind) {
    case 'service': {
      const svc = state.services[condition.service];
      const counts = serviceCounts(state, condition.service);
      const wanted: string[] = [];
      let ok = svc !== undefined;
      for (const field of ['desiredCount', 'runningCount', 'pendingCount'] as const) {
        const want = condition[field];
        if (want === undefined) continue;
        wanted.push(`${field} = ${want}`);
        ok &&= counts[field] === want;
      }
      if (condition.steadyState !== undefined) {
        wanted.push(condition.steadyState ? 'steady' : 'not steady');
        ok &&= svc?.steadyState === condition.steadyState;
      }
      const actual =
        svc === undefined
          ? 'no such service'
          : `desired ${counts.desiredCount}, running ${counts.runningCount}, pending ${counts.pendingCount}` +
            `${svc.steadyState ? ', steady' : ''}${svc.status === 'ACTIVE' ? '' : `, ${svc.status}`}`;
      return {
        description: `service ${condition.service}: ${wanted.join(', ') || 'exists'}`,
        ok,
        actual,
      };
    }
    case 'tasks': {
      const { task, lastStatus, stopCode, count } = condition;
      const status = lastStatus ?? (stopCode === undefined ? task.lastStatus : 'STOPPED');
      const matches = matchTasks(state, task, status).filter(
        (t) => stopCode === undefined || t.stopCode === stopCode,
      );
      const byStatus = TASK_STATUSES.map((s) => [s, matchTasks(state, task, s).length] as const);
      const live =
        byStatus
          .filter(([, n]) => n > 0)
          .map(([s, n]) => `${n} ${s}`)
          .join(', ') || 'no tasks';
      const what = [status ?? '', stopCode ?? ''].filter((s) => s !== '').join(' ');
      return {
        description: `tasks ${describeSelector({ ...task, lastStatus: undefined })}${what ? ` ${what}` : ''}: count ${countText(count)}`,
        ok: countOk(count, matches.length),
        actual: `${matches.length} matching (${live})`,
      };
    }
    case 'event': {
      const after = condition.since === 'step' ? sinceEventId : 0;
      const hits = state.events.filter(
        (e) => e.id > after && e.message.includes(condition.contains),
      );
      const last = hits.at(-1)?.message;
      return {
        description: `event containing "${condition.contains}"${condition.since === 'step' ? ' during this step' : ''}: count ${countText(condition.count)}`,
        ok: countOk(condition.count, hits.length),
        actual: `${hits.length} found${last === undefined ? '' : ` (last: "${last}")`}`,
      };
    }
    case 'instances': {
      const matches = matchInstances(state, condition.instances);
      const all = matchInstances(state, {});
      return {
        description: `instances ${describeSelector(condition.instances)}: count = ${condition.count}`,
        ok: matches.length === condition.count,
        actual: `${matches.length} matching (${all.length} registered and not INACTIVE)`,
      };
    }
    case 'pods':
    case 'deployment':
      return evaluateEksCondition(state, condition);
    case 'taskDefinition': {
      const { family, revision } = condition;
      const key =
        revision === undefined ? latestRevisionKey(state, family) : `${family}:${revision}`;
      const td = key === undefined ? undefined : state.taskDefinitions[key];
      const checks: [string, unknown, unknown][] = [
        ['status', condition.status, td?.status],
        ['cpu', condition.cpu, td?.cpu],
        ['memory', condition.memory, td?.memory],
        ['networkMode', condition.networkMode, td?.networkMode],
      ];
      const wanted = checks.filter(([, want]) => want !== undefined);
      return {
        description: `task definition ${revision === undefined ? family : `${family}:${revision}`}: ${
          wanted.map(([name, want]) => `${name} = ${String(want)}`).join(', ') || 'registered'
        }`,
        ok: td !== undefined && wanted.every(([, want, got]) => want === got),
        actual:
          td === undefined
            ? 'not registered'
            : `${td.family}:${td.revision} ${td.status}, cpu ${td.cpu ?? '-'}, memory ${td.memory ?? '-'}, ${td.networkMode}`,
      };
    }
  }
}
