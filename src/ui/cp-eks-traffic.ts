/**
 * `<cp-eks-traffic>`: the load generator aimed at the EKS cluster's Services (LoadBalancer or
 * ClusterIP). Per Service: a requests/s slider and a spike button (each sends one EKS_COMMAND
 * SET_SERVICE_LOAD), what the last step served, the pods' CPU against their request, and the HPA
 * that scales the Deployment behind it (current/target, replicas, min/max). Holds no cluster state.
 */
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { traffic, type SimCommand } from '../sim/index.ts';
import type { K8sState, Service } from '../sim/k8s/model.ts';
import { deploymentHpa, serviceDeployment } from '../sim/k8s/service-traffic.ts';
import { ActorController } from './actor-controller.ts';
import { controlStyles, trafficPanelStyles } from './shared-styles.ts';

@customElement('cp-eks-traffic')
export class CpEksTraffic extends LitElement {
  static override styles = [
    controlStyles,
    trafficPanelStyles,
    css`
      .hpa {
        font-weight: 600;
      }
    `,
  ];

  private readonly cluster = new ActorController(this, (s) => s.context.sim.eks);

  private send(command: SimCommand): void {
    this.cluster.send({ type: 'COMMAND', command });
  }

  override render() {
    const k8s = this.cluster.value;
    if (!k8s) return html``;
    const services = Object.values(k8s.services)
      .filter((s) => s.spec.type === 'LoadBalancer' || s.spec.type === 'ClusterIP')
      .sort((a, b) =>
        `${a.meta.namespace}/${a.meta.name}` < `${b.meta.namespace}/${b.meta.name}` ? -1 : 1,
      );
    return html`${services.map((svc) => this.renderService(k8s, svc))}`;
  }

  private renderService(k8s: K8sState, svc: Service) {
    const key = `${svc.meta.namespace}/${svc.meta.name}`;
    const ns = svc.meta.namespace;
    const load = k8s.serviceLoads?.[key];
    const stats = k8s.serviceTraffic?.[key];
    const current = load ? Math.round(traffic.rpsAt(load.profile, k8s.now - load.since)) : 0;
    const depName = serviceDeployment(k8s, svc);
    const dep = depName ? k8s.deployments[`${ns}/${depName}`] : undefined;
    const hpaKey = depName ? deploymentHpa(k8s, ns, depName) : undefined;
    const hpa = hpaKey ? k8s.hpas[hpaKey] : undefined;
    const request =
      dep?.spec.template.spec.containers.reduce(
        (a, c) => a + (c.resources?.requests?.cpu ?? 0),
        0,
      ) || 250;
    const msPerRequest = load?.app.cpuMsPerRequest ?? traffic.DEFAULT_APP_PROFILE.cpuMsPerRequest;
    // A pod at 100 % of its CPU request serves request ÷ (ms per request) requests per second.
    const perPod = request / msPerRequest;
    const maxPods = hpa?.spec.maxReplicas ?? Math.max(1, dep?.spec.replicas ?? 1) * 2;
    const maxRps = Math.max(10, Math.ceil((maxPods * perPod * 1.2) / 10) * 10);
    const setLoad = (l: Extract<SimCommand, { type: 'EKS_COMMAND' }>['command']) =>
      this.send({ type: 'EKS_COMMAND', command: l });
    const constant = (rps: number) =>
      setLoad({
        type: 'SET_SERVICE_LOAD',
        namespace: ns,
        service: svc.meta.name,
        load: { kind: 'constant', rps },
      });
    const target = hpa?.spec.metrics?.[0]?.resource.target;
    const metric = hpa?.status.currentMetrics[0];
    const via =
      svc.spec.type === 'LoadBalancer'
        ? svc.loadBalancerHostname
          ? 'AWS load balancer'
          : 'load balancer provisioning…'
        : 'inside the cluster';
    return html`<section aria-label=${`Traffic of EKS Service ${key}`}>
      <h3>EKS Service ${svc.meta.name} (${svc.spec.type}) · ${via}</h3>
      <label
        >Load: ${current} requests/s
        <input
          type="range"
          min="0"
          max=${maxRps}
          step=${Math.max(1, Math.round(maxRps / 100))}
          .value=${String(current)}
          aria-label=${`Requests per second to EKS Service ${svc.meta.name}`}
          @change=${(e: Event) => constant(Number((e.target as HTMLInputElement).value))}
        />
      </label>
      <div class="row">
        <button
          class="spike"
          @click=${() =>
            setLoad({
              type: 'SET_SERVICE_LOAD',
              namespace: ns,
              service: svc.meta.name,
              load: {
                kind: 'spike',
                base: current,
                peak: Math.max(
                  current * 3,
                  Math.round(perPod * 2 * Math.max(1, svc.endpoints.length)),
                ),
                startSeconds: 0,
                durationSeconds: 900,
              },
            })}
        >
          Spike ×3 for 15 min
        </button>
      </div>
      <div class="row" aria-label="Service metrics">
        <span>served ${(stats?.servedRps ?? 0).toFixed(0)}/s</span>
        <span>errors ${(stats?.errorRps ?? 0).toFixed(0)}/s</span>
        <span>latency ${(stats?.latencyMs ?? 0).toFixed(0)} ms</span>
        <span>endpoints ${svc.endpoints.length}</span>
        <span>CPU ${(stats?.cpuPercentOfRequest ?? 0).toFixed(0)} % of request</span>
      </div>
      ${
        hpa
          ? html`<div class="hpa" aria-label="Horizontal Pod Autoscaler">
              HPA ${hpa.meta.name}:
              ${metric === undefined ? '<unknown>' : `${metric}%`}/${target?.averageUtilization ?? '?'}%
              · replicas ${hpa.status.currentReplicas} → ${hpa.status.desiredReplicas} (min
              ${hpa.spec.minReplicas}, max ${hpa.spec.maxReplicas})
            </div>`
          : null
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-eks-traffic': CpEksTraffic;
  }
}
