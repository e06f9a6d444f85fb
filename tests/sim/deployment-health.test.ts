import { describe, expect, it } from 'vitest';
import {
  advance,
  applyCommand,
  createDefaultCluster,
  minimumHealthyTasks,
  STEP_MS,
  type SimCommand,
  type SimState,
} from '../../src/sim/index.ts';
import { revisionJson } from '../../src/machine/index.ts';
import { parseTaskDefinition } from '../../src/formats/task-definition.ts';

const x0 = (s: SimState): SimState => s;

function apply(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error !== undefined) throw new Error(r.error);
  return r.state;
}

/** RUNNING web tasks whose ALB target is healthy: what really serves traffic. */
function servingTasks(s: SimState): number {
  const tg = s.traffic!.loadBalancers['web-alb']!.targetGroups['web-tg']!;
  return Object.values(tg.targets).filter(
    (t) =>
      t.state === 'healthy' &&
      s.tasks[t.id]?.lastStatus === 'RUNNING' &&
      s.tasks[t.id]?.desiredStatus === 'RUNNING',
  ).length;
}

describe('rolling deployment behind a load balancer: minimumHealthyPercent counts healthy targets', () => {
  it('old tasks are stopped only when new targets are healthy (desired 3, min 100 → ≥ 3 serving all along)', () => {
    let s = createDefaultCluster(4);
    // Health checks slow enough that a new task is RUNNING well over 40 s before its target is healthy.
    s = apply(s, {
      type: 'ATTACH_LOAD_BALANCER',
      serviceName: 'web',
      loadBalancerName: 'web-alb',
      healthCheck: { intervalSeconds: 30, healthyThresholdCount: 5 },
    });
    s = advance(s, 300_000);
    expect(servingTasks(s)).toBe(3);
    const text = revisionJson(s, 'web:1')!.replace('"nginx:latest"', '"nginx:1.27"');
    const parsed = parseTaskDefinition(text, 'web.json');
    if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
    s = apply(s, { type: 'REGISTER_TASK_DEFINITION', taskDefinition: parsed.value });
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'web', taskDefinition: 'web:2' });
    const floor = minimumHealthyTasks(3, 100);
    let minServing = Infinity;
    let oldStoppedWhileNewNotHealthy = false;
    const done = (x: SimState) => x.services.web!.deployments[0]!.rolloutState === 'COMPLETED';
    for (let t = 0; t < 900_000 && !done(x0(s)); t += STEP_MS) {
      s = advance(s, STEP_MS);
      minServing = Math.min(minServing, servingTasks(s));
      const oldStopping = Object.values(s.tasks).some(
        (x) =>
          x.taskDefinitionKey === 'web:1' &&
          x.desiredStatus === 'STOPPED' &&
          x.stoppedAt === undefined,
      );
      if (oldStopping && servingTasks(s) < floor) oldStoppedWhileNewNotHealthy = true;
    }
    expect(oldStoppedWhileNewNotHealthy).toBe(false);
    expect(minServing).toBeGreaterThanOrEqual(floor);
    const head = s.services.web!.deployments[0]!;
    expect([head.taskDefinitionKey, head.rolloutState]).toEqual(['web:2', 'COMPLETED']);
    expect(
      Object.values(s.tasks).filter(
        (x) => x.taskDefinitionKey === 'web:1' && x.lastStatus === 'RUNNING',
      ),
    ).toEqual([]);
  });

  it('new tasks RUNNING for over 40 s but failing their ALB health checks do not let ECS stop the old ones', () => {
    let s = createDefaultCluster(4);
    s = apply(s, { type: 'ATTACH_LOAD_BALANCER', serviceName: 'web', loadBalancerName: 'web-alb' });
    s = advance(s, 300_000);
    const text = revisionJson(s, 'web:1')!.replace('"nginx:latest"', '"nginx:1.27"');
    const parsed = parseTaskDefinition(text, 'web.json');
    if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
    s = apply(s, { type: 'REGISTER_TASK_DEFINITION', taskDefinition: parsed.value });
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'web', taskDefinition: 'web:2' });
    // maximumPercent 200: all 3 new tasks start at once; their application answers 503.
    const fresh = Object.values(s.tasks).filter((t) => t.taskDefinitionKey === 'web:2');
    expect(fresh).toHaveLength(3);
    for (const t of fresh) s = apply(s, { type: 'FAIL_HEALTH_CHECKS', taskId: t.id });
    const old = Object.values(s.tasks).filter(
      (t) => t.taskDefinitionKey === 'web:1' && t.lastStatus === 'RUNNING',
    );
    expect(old).toHaveLength(3);
    // Long enough for the new tasks to be RUNNING well over 40 s (the no-load-balancer rule).
    s = advance(s, 120_000);
    expect(fresh.filter((t) => s.tasks[t.id]?.startedAt !== undefined).length).toBeGreaterThan(0);
    for (const t of old) expect(s.tasks[t.id]!.desiredStatus, t.id).toBe('RUNNING');
    expect(servingTasks(s)).toBe(3);
  });
});
