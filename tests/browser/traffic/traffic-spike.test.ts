/**
 * Issue 3 browser acceptance: while a traffic spike runs, the charts (uPlot, lazy-loaded) and the
 * canvas (request particles, CPU glow, load balancer badge) update.
 */
import { expect, html } from '@open-wc/testing';
import { createClusterCanvas } from '../../../src/render/index.ts';
import {
  advance,
  applyCommand,
  createSimulation,
  type SimCommand,
  type SimState,
} from '../../../src/sim/index.ts';
import type { CpTrafficChart } from '../../../src/ui/cp-traffic-chart.ts';
import '../../../src/ui/cp-traffic-panel.ts';
import type { CpTrafficPanel } from '../../../src/ui/cp-traffic-panel.ts';
import { makeHost, until } from '../render/helpers.ts';
import { mountWithActor, settle, shadow, startHarness } from '../ui/ui-harness.ts';

function must(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(`${c.type}: ${r.error}`);
  return r.state;
}

/** The worked example: Fargate web-app ×2 behind an ALB, target tracking 70 %, 50 req/s (50 % CPU). */
function workedExample(): SimState {
  let s = createSimulation({ seed: 42 });
  s = must(s, {
    type: 'REGISTER_TASK_DEFINITION',
    taskDefinition: {
      family: 'web-app',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:latest',
          cpu: 0,
          essential: true,
          portMappings: [{ containerPort: 80, protocol: 'tcp' }],
          environment: [],
        },
      ],
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: 512,
      memory: 1024,
      cpuArchitecture: 'X86_64',
      operatingSystemFamily: 'LINUX',
      placementConstraints: [],
    },
  });
  s = must(s, {
    type: 'CREATE_SERVICE',
    serviceName: 'web-app',
    taskDefinition: 'web-app',
    desiredCount: 2,
    launchType: 'FARGATE',
  });
  s = must(s, {
    type: 'ATTACH_LOAD_BALANCER',
    serviceName: 'web-app',
    loadBalancerName: 'web-alb',
  });
  s = must(s, {
    type: 'REGISTER_SCALABLE_TARGET',
    serviceName: 'web-app',
    minCapacity: 2,
    maxCapacity: 10,
  });
  s = must(s, {
    type: 'PUT_SCALING_POLICY',
    serviceName: 'web-app',
    policyName: 'cpu70',
    targetTracking: { predefinedMetricType: 'ECSServiceAverageCPUUtilization', targetValue: 70 },
  });
  s = must(s, { type: 'SET_LOAD', serviceName: 'web-app', load: { kind: 'constant', rps: 50 } });
  // Tasks RUNNING and healthy behind the ALB, then a few minutes of datapoints.
  return advance(s, 5 * 60_000);
}

const SPIKE: SimCommand = {
  type: 'SET_LOAD',
  serviceName: 'web-app',
  load: { kind: 'spike', base: 50, peak: 270, startSeconds: 0, durationSeconds: 1800 },
};

describe('traffic spike in the browser', () => {
  it('the panel charts (uPlot) and the alarm view update while the spike runs', async () => {
    const h = startHarness(workedExample());
    const panel = await mountWithActor<CpTrafficPanel>(
      html`<cp-traffic-panel></cp-traffic-panel>`,
      h.actor,
    );
    await settle(panel);
    const charts = [...shadow(panel).querySelectorAll<CpTrafficChart>('cp-traffic-chart')];
    expect(charts.map((c) => c.heading)).to.deep.equal(['CPU vs target', 'Request rate', 'Tasks']);
    await until(() => charts.every((c) => c.ready), 10_000);
    // uPlot drew a canvas in each chart.
    for (const c of charts) expect(shadow(c).querySelector('canvas')).to.not.equal(null);
    const cpuText = () => shadow(charts[0]!).querySelector('ul')!.textContent!.replace(/\s+/g, ' ');
    const pointsBefore = charts.map((c) => c.points);
    expect(cpuText()).to.contain('CPUUtilization %: 50.0');

    h.actor.send({ type: 'COMMAND', command: SPIKE });
    for (let i = 0; i < 200; i++) h.actor.send({ type: 'STEP' });
    await settle(panel);
    await settle(charts[0]!);
    // CPU pinned at 100 % (270 req/s on 2 × 50), the request chart shows the new rate, more points.
    expect(cpuText()).to.contain('CPUUtilization %: 100.0');
    expect(shadow(charts[1]!).querySelector('ul')!.textContent!.replace(/\s+/g, ' ')).to.contain(
      'requests/s: 270',
    );
    charts.forEach((c, i) => expect(c.points).to.be.greaterThan(pointsBefore[i]!));
    // AlarmHigh reached 3 of 3 datapoints: the service scaled out to 3 (A6.2).
    const text = shadow(panel).textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('AlarmHigh ALARM 3/3');
    expect(h.sim().services['web-app']!.desiredCount).to.equal(3);
    expect(
      shadow(panel).querySelector('[aria-label="Next scaling action"]')!.textContent,
    ).to.contain('scale-out cooldown');
  });

  it('the canvas shows request particles, hot-task glow and the badge, and they follow the spike', async () => {
    const host = makeHost();
    const canvas = await createClusterCanvas(host, { width: 900, height: 600 });
    let s = workedExample();
    canvas.update(s);
    await until(() => (canvas.stats().traffic?.particles ?? 0) > 0);
    const before = canvas.stats().traffic!;
    expect(before.rps).to.equal(50);
    // 50 % CPU: both tasks glow warm.
    expect(before.glowing).to.equal(2);
    const frames = canvas.stats().frames;
    // Particles keep the ticker running while requests flow.
    await until(() => canvas.stats().frames > frames + 5);

    s = must(s, SPIKE);
    s = advance(s, 10_000);
    canvas.update(s);
    const during = canvas.stats().traffic!;
    expect(during.rps).to.equal(270);
    // More requests → more particles (density ∝ √rate).
    expect(during.particles).to.be.greaterThan(before.particles);
    // Traffic spreads once the scaled-out tasks are healthy: more tasks glow.
    s = advance(s, 10 * 60_000);
    canvas.update(s);
    expect(canvas.stats().traffic!.glowing).to.be.greaterThan(2);
    canvas.destroy();
    host.remove();
  });
});
