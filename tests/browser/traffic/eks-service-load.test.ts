/**
 * Issue 6: the load generator aimed at an EKS Service. The traffic panel's EKS section sends the
 * spike, the HPA scales the Deployment from that load, and the canvas shows requests flowing to
 * the pods (particles) with a CPU glow.
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
// The test builds EKS states itself, so it registers the EKS simulation (src/sim/eks.ts), as the
// page's lazily loaded paths do.
import '../../../src/sim/eks-simulation.ts';
import type { K8sManifest } from '../../../src/sim/k8s/index.ts';
import '../../../src/ui/cp-traffic-panel.ts';
import type { CpTrafficPanel } from '../../../src/ui/cp-traffic-panel.ts';
import { makeHost, until } from '../render/helpers.ts';
import { mountWithActor, settle, shadow, startHarness } from '../ui/ui-harness.ts';

function must(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(`${c.type}: ${r.error}`);
  return r.state;
}

const OBJECTS: readonly K8sManifest[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: 200 } } }],
        },
      },
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] },
  },
  {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
    },
  },
];

function eksApp(): SimState {
  let s = createSimulation({ seed: 7 });
  s = must(s, { type: 'CREATE_EKS_CLUSTER' });
  s = must(s, { type: 'EKS_COMMAND', command: { type: 'APPLY', objects: OBJECTS } });
  return advance(s, 90_000); // pods Ready, load balancer provisioned
}

describe('load on an EKS Service', () => {
  it('the traffic panel targets the Service; the spike makes the HPA scale the Deployment', async () => {
    const h = startHarness(eksApp());
    const panel = await mountWithActor<CpTrafficPanel>(
      html`<cp-traffic-panel></cp-traffic-panel>`,
      h.actor,
    );
    await settle(panel);
    const eks = shadow(panel).querySelector('cp-eks-traffic') as HTMLElement;
    await settle(eks);
    const section = shadow(eks).querySelector('section')!;
    expect(section.getAttribute('aria-label')).to.equal('Traffic of EKS Service default/web');
    expect(section.textContent!.replace(/\s+/g, ' ')).to.contain('HPA web');
    // Slider: 20 req/s (10 % of two pods' request → no scaling), then the spike ×3 button.
    const slider = section.querySelector<HTMLInputElement>('input[type="range"]')!;
    slider.value = '20';
    slider.dispatchEvent(new Event('change'));
    expect(h.sim().eks!.serviceLoads!['default/web']!.profile.shape).to.deep.equal({
      kind: 'constant',
      rps: 20,
    });
    section.querySelector<HTMLButtonElement>('button.spike')!.click();
    const shape = h.sim().eks!.serviceLoads!['default/web']!.profile.shape;
    expect(shape.kind).to.equal('spike');
    for (let i = 0; i < 90; i++) h.actor.send({ type: 'STEP' });
    await settle(panel);
    await settle(eks);
    const k8s = h.sim().eks!;
    expect(k8s.serviceTraffic!['default/web']!.offeredRps).to.be.greaterThan(20);
    expect(k8s.deployments['default/web']!.spec.replicas).to.be.greaterThan(2);
    const text = shadow(eks).querySelector('section')!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.match(/HPA web: \d+%\/50%/);
  });

  it('the canvas shows requests flowing to the pods and hot pods glowing', async () => {
    const host = makeHost();
    const canvas = await createClusterCanvas(host, { width: 900, height: 600 });
    let s = eksApp();
    canvas.update(s);
    canvas.updateK8s(s.eks, 'EKS');
    expect(canvas.stats().eksTraffic?.particles ?? 0).to.equal(0);
    s = must(s, {
      type: 'EKS_COMMAND',
      command: { type: 'SET_SERVICE_LOAD', service: 'web', load: { kind: 'constant', rps: 40 } },
    });
    s = advance(s, 2_000);
    canvas.update(s);
    canvas.updateK8s(s.eks, 'EKS');
    await until(() => (canvas.stats().eksTraffic?.particles ?? 0) > 0);
    const stats = canvas.stats().eksTraffic!;
    expect(stats.rps).to.equal(40);
    // 20 req/s × 10 ms = 200m per pod = 100 % of the 200m request: both pods glow.
    expect(stats.glowing).to.equal(2);
    const frames = canvas.stats().frames;
    await until(() => canvas.stats().frames > frames + 5);
    canvas.destroy();
    host.remove();
  });
});
