/**
 * `<cp-traffic-panel>`: the load generator and auto scaling view. For each load-balanced service: a
 * load slider and a spike button (each sends one SET_LOAD command), CPU / latency / 5xx, the
 * CloudWatch alarms, the next scaling action, and live charts. A service without a load balancer
 * gets one button that puts it behind an ALB with target tracking at 70 % CPU (the guide's example).
 * Holds no cluster state: it reads the actor and sends COMMAND events.
 */
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { traffic, type SimCommand, type SimState } from '../sim/index.ts';
import { ActorController } from './actor-controller.ts';
import './cp-traffic-chart.ts';
import './cp-eks-traffic.ts';
import type { ChartSeries } from './cp-traffic-chart.ts';
import { controlStyles, trafficPanelStyles } from './shared-styles.ts';
import { trafficSeries } from './traffic-series.ts';

const CPU_SERIES: readonly ChartSeries[] = [
  { label: 'CPUUtilization %', color: '#d62728', digits: 1 },
  { label: 'target', color: '#6b7280', dash: [8, 6] },
];
const REQUEST_SERIES: readonly ChartSeries[] = [
  { label: 'requests/s', color: '#1f6feb', digits: 0 },
  { label: 'target 5xx/s', color: '#d62728', digits: 0 },
];
const TASK_SERIES: readonly ChartSeries[] = [
  { label: 'desired', color: '#374151', dash: [8, 6] },
  { label: 'running', color: '#2ca02c', digits: 1 },
  { label: 'pending', color: '#ff7f0e', digits: 1 },
];
const INSTANCE_SERIES: ChartSeries = { label: 'instances', color: '#9467bd', digits: 0 };

/** Requests per second one task serves at 100 % CPU (utilisation model: cpu ÷ 1024 × 1000 ÷ ms per request). */
function perTaskRps(sim: SimState, service: string): number {
  const svc = sim.services[service];
  const td = svc ? sim.taskDefinitions[svc.taskDefinitionKey] : undefined;
  const cpu = td?.cpu ?? td?.containerDefinitions.reduce((a, c) => a + c.cpu, 0) ?? 1024;
  const ms = sim.traffic?.apps[service]?.cpuMsPerRequest ?? 10;
  return ((Math.max(128, cpu) / 1024) * 1000) / ms;
}

@customElement('cp-traffic-panel')
export class CpTrafficPanel extends LitElement {
  static override styles = [
    controlStyles,
    trafficPanelStyles,
    css`
      .chip {
        border-radius: 999px;
        padding: 1px 8px;
        border: 1px solid currentColor;
        font-size: 13px;
      }
      .ALARM {
        color: var(--cp-danger, #b42318);
        font-weight: 600;
      }
      .next {
        font-weight: 600;
      }
    `,
  ];

  private readonly cluster = new ActorController(this, (s) => s.context.sim);

  private send(command: SimCommand): void {
    this.cluster.send({ type: 'COMMAND', command });
  }

  /** The guide's worked example applied to a service: ALB, scalable target, 70 % CPU target tracking. */
  private makeScalable(sim: SimState, service: string): void {
    const desired = sim.services[service]?.desiredCount ?? 1;
    const min = Math.max(1, desired);
    this.send({
      type: 'ATTACH_LOAD_BALANCER',
      serviceName: service,
      loadBalancerName: `${service}-alb`.slice(0, 32).replace(/[^A-Za-z0-9-]/g, '-'),
    });
    this.send({
      type: 'REGISTER_SCALABLE_TARGET',
      serviceName: service,
      minCapacity: min,
      maxCapacity: min * 5,
    });
    this.send({
      type: 'PUT_SCALING_POLICY',
      serviceName: service,
      policyName: 'cpu70-target-tracking',
      targetTracking: { predefinedMetricType: 'ECSServiceAverageCPUUtilization', targetValue: 70 },
    });
    // Half of the tasks' capacity: 50 % CPU, between the alarms.
    const rps = Math.round(min * perTaskRps(sim, service) * 0.5);
    this.send({ type: 'SET_LOAD', serviceName: service, load: { kind: 'constant', rps } });
  }

  override render() {
    const sim = this.cluster.value;
    if (sim === undefined) return html``;
    const tr = sim.traffic;
    const balanced = Object.keys(tr?.serviceLoadBalancers ?? {}).filter(
      (n) => sim.services[n]?.status === 'ACTIVE',
    );
    const others = Object.values(sim.services)
      .filter((s) => s.status === 'ACTIVE' && !balanced.includes(s.serviceName))
      .map((s) => s.serviceName)
      .sort();
    return html`
      ${balanced.sort().map((name) => this.renderService(sim, name))}
      ${
        others.length
          ? html`<section aria-label="Load and auto scaling">
              <h3>Load and auto scaling</h3>
              ${others.map(
                (name) =>
                  html`<button @click=${() => this.makeScalable(sim, name)}>
                    Put ${name} behind an ALB, scale at 70 % CPU
                  </button>`,
              )}
            </section>`
          : null
      }
      <cp-eks-traffic></cp-eks-traffic>
    `;
  }

  private renderService(sim: SimState, name: string) {
    const tr = sim.traffic!;
    const b = tr.serviceLoadBalancers[name]!;
    const stats = tr.stats[name];
    const load = tr.loads[name];
    const outlook = traffic.scalingOutlook(sim, name);
    const per = perTaskRps(sim, name);
    const maxTasks = outlook?.maxCapacity ?? Math.max(1, sim.services[name]!.desiredCount) * 2;
    const maxRps = Math.max(10, Math.ceil((maxTasks * per * 1.2) / 10) * 10);
    const current = load ? Math.round(traffic.rpsAt(load.profile, sim.now - load.since)) : 0;
    const series = trafficSeries(sim, name);
    const setRps = (rps: number) =>
      this.send({ type: 'SET_LOAD', serviceName: name, load: { kind: 'constant', rps } });
    return html`<section aria-label=${`Traffic of ${name}`}>
      <h3>${name} · ALB ${b.loadBalancerName}</h3>
      <label
        >Load: ${current} requests/s
        <input
          type="range"
          min="0"
          max=${maxRps}
          step=${Math.max(1, Math.round(maxRps / 100))}
          .value=${String(current)}
          aria-label=${`Requests per second to ${name}`}
          @change=${(e: Event) => setRps(Number((e.target as HTMLInputElement).value))}
        />
      </label>
      <div class="row">
        <button
          @click=${() =>
            this.send({
              type: 'SET_LOAD',
              serviceName: name,
              load: {
                kind: 'spike',
                base: current,
                peak: Math.max(current * 3, Math.round(per * 2)),
                startSeconds: 0,
                durationSeconds: 900,
              },
            })}
        >
          Spike ×3 for 15 min
        </button>
      </div>
      <div class="row" aria-label="Service metrics">
        <span>CPU ${(stats?.cpuPercent ?? 0).toFixed(0)} %</span>
        <span>latency ${(stats?.latencyMs ?? 0).toFixed(0)} ms</span>
        <span>5xx ${((stats?.errorRps ?? 0) + (stats?.elb5xxRps ?? 0)).toFixed(0)}/s</span>
        <span>healthy targets ${stats?.healthyTargets ?? 0}/${stats?.targets ?? 0}</span>
      </div>
      ${
        outlook
          ? html`<div class="row" aria-label="Alarms">
                ${outlook.alarms.map(
                  (a) =>
                    html`<span class="chip ${a.state}"
                      >${a.label} ${a.state} ${a.breaching}/${a.needed}</span
                    >`,
                )}
              </div>
              <div class="next" aria-label="Next scaling action">Next: ${outlook.next}</div>`
          : null
      }
      ${
        series
          ? html`<cp-traffic-chart
                heading="CPU vs target"
                .series=${CPU_SERIES}
                .data=${series.cpu}
              ></cp-traffic-chart>
              <cp-traffic-chart
                heading="Request rate"
                .series=${REQUEST_SERIES}
                .data=${series.requests}
              ></cp-traffic-chart>
              <cp-traffic-chart
                heading="Tasks${series.hasInstances ? ' and instances' : ''}"
                .series=${series.hasInstances ? [...TASK_SERIES, INSTANCE_SERIES] : TASK_SERIES}
                .data=${series.hasInstances ? series.tasks : series.tasks.slice(0, 4)}
              ></cp-traffic-chart>`
          : null
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-traffic-panel': CpTrafficPanel;
  }
}
