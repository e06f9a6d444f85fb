/**
 * `<cp-cost-panel>`: the live bill (SimState.cost, plus the EKS control plane when an EKS cluster
 * runs) and the "same workload on EC2 vs on Fargate" comparison that answers the guide's 10-minute
 * periodic job. Prices and their date come from src/sim/cost/prices.ts. Holds no cluster state.
 */
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import {
  METER_CATEGORIES,
  PRICE_TABLE,
  TEN_MINUTE_JOB,
  compareEc2VsFargate,
  type MeterCategory,
} from '../sim/cost/index.ts';
import { outdatedInstances, type PatchingState } from '../sim/patching.ts';
import type { ContainerInstance, SimState } from '../sim/index.ts';
import { ActorController } from './actor-controller.ts';
import { memoLast } from './memo-last.ts';
import { controlStyles } from './shared-styles.ts';
import { costChart } from './cost-series.ts';
import './cp-traffic-chart.ts';

const LABELS: Readonly<Record<MeterCategory | 'eks', string>> = {
  ec2: 'EC2 instances',
  ec2Spot: 'EC2 Spot instances',
  fargate: 'Fargate tasks',
  fargateSpot: 'Fargate Spot tasks',
  ecsAnywhere: 'ECS Anywhere instances',
  eks: 'EKS control plane',
};

const emptyMeterLike = {
  totalUsd: 0,
  ratePerHour: 0,
  rateByCategory: { ec2: 0, ec2Spot: 0, fargate: 0, fargateSpot: 0, ecsAnywhere: 0 },
};

type CostHistory = NonNullable<SimState['cost']>['history'];

/** The 10-minute job's comparison: constant, worked out once (on the first render). */
let tenMinuteJob: ReturnType<typeof compareEc2VsFargate> | undefined;

/** Pure: dollars as the meter shows them (4 decimals under $1, else cents). */
export function formatUsd(usd: number): string {
  return `$${usd < 1 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

/** What the panel shows, as strings, so it re-renders only when a shown figure changes. */
export interface CostView {
  readonly total: string;
  readonly rate: string;
  /** [label, accrued, rate] for every category with a cost or a rate. */
  readonly lines: string;
}

/** Pure: the displayed figures for a meter (undefined meter = nothing charged yet). */
export function costView(
  meter:
    | {
        readonly totalUsd: number;
        readonly ratePerHour: number;
        readonly byCategory: Readonly<Record<MeterCategory, number>>;
        readonly rateByCategory: Readonly<Record<MeterCategory, number>>;
      }
    | undefined,
  eksSeconds: number | undefined,
): CostView {
  const rows: [string, number, number][] = [];
  for (const c of METER_CATEGORIES) {
    const usd = meter?.byCategory[c] ?? 0;
    const rate = meter?.rateByCategory[c] ?? 0;
    if (usd > 0 || rate > 0) rows.push([LABELS[c], usd, rate]);
  }
  let total = meter?.totalUsd ?? 0;
  let rate = meter?.ratePerHour ?? 0;
  if (eksSeconds !== undefined) {
    const eksRate = PRICE_TABLE.eks.standardSupportPerClusterHour;
    const eks = (eksRate * eksSeconds) / 3600;
    rows.push([LABELS.eks, eks, eksRate]);
    total += eks;
    rate += eksRate;
  }
  return {
    total: formatUsd(total),
    rate: `${formatUsd(rate)}/h`,
    lines: rows.map(([l, u, r]) => `${l}\t${formatUsd(u)}\t${formatUsd(r)}/h`).join('\n'),
  };
}

@customElement('cp-cost-panel')
export class CpCostPanel extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .meter {
        display: flex;
        align-items: baseline;
        gap: 12px;
      }
      .total {
        font-size: 1.6em;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .rate,
      .note {
        color: var(--cp-muted, #5b6578);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        text-align: left;
        padding: 2px 4px;
      }
      td.num,
      th.num {
        text-align: right;
      }
      .note {
        font-size: 12px;
      }
    `,
  ];

  private readonly ops = new ActorController(this, (s) => ({
    patching: s.context.sim.patching,
    instances: s.context.sim.instances,
  }));

  /** Cumulative $ per launch type (cost-series.ts); new data once per simulated minute. */
  private readonly history = new ActorController(
    this,
    (s) => {
      const sim = s.context.sim;
      return {
        history: sim.cost?.history,
        // EKS Anywhere runs on your own machines: no EKS per-cluster-hour charge.
        eksCreatedAt: sim.eks && !sim.eks.anywhere ? sim.now - sim.eks.now : undefined,
      };
    },
    (a, b) => a.history === b.history && a.eksCreatedAt === b.eksCreatedAt,
  );

  /** Rebuilt only when the meter or the EKS clock moved, not on every snapshot (issue 8). */
  private readonly view = memoLast(costView);
  private readonly cluster = new ActorController(this, (s) =>
    this.view(
      s.context.sim.cost,
      s.context.sim.eks && !s.context.sim.eks.anywhere ? s.context.sim.eks.now / 1000 : undefined,
    ),
  );

  override render() {
    const v = this.cluster.value ?? costView(undefined, undefined);
    const rows = v.lines === '' ? [] : v.lines.split('\n').map((l) => l.split('\t'));
    const cmp = (tenMinuteJob ??= compareEc2VsFargate(TEN_MINUTE_JOB));
    const job = cmp.workload;
    return html`
      <section aria-labelledby="cost-title">
        <h2 id="cost-title">Cost</h2>
        <p class="meter" role="status" aria-live="off">
          <span class="total" data-testid="cost-total">${v.total}</span>
          <span class="rate" data-testid="cost-rate">${v.rate}</span>
        </p>
        ${
          rows.length === 0
            ? html`<p class="note">Nothing billable yet. The ECS control plane is free.</p>`
            : html`<table>
                <thead>
                  <tr>
                    <th>Resource</th>
                    <th class="num">So far</th>
                    <th class="num">Now</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (r) =>
                      html`<tr>
                        <td>${r[0]}</td>
                        <td class="num">${r[1]}</td>
                        <td class="num">${r[2]}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
        ${this.renderChart()} ${this.renderOps(this.ops.value?.patching, this.ops.value?.instances)}
        <details>
          <summary>Same workload on EC2 vs on Fargate</summary>
          <p>
            The guide's periodic job: ${job.vcpu} vCPU / ${job.memoryGb} GB for ${job.runMinutes}
            minutes, ${job.runsPerDay} times a day.
          </p>
          <table data-testid="cost-compare">
            <thead>
              <tr>
                <th></th>
                <th class="num">Per hour</th>
                <th class="num">Per month</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Fargate (pay per run)</td>
                <td class="num">${formatUsd(cmp.fargate.hourlyRate)}</td>
                <td class="num">${formatUsd(cmp.fargate.perMonth)}</td>
              </tr>
              <tr>
                <td>${job.instanceType} kept running</td>
                <td class="num">${formatUsd(cmp.ec2.hourlyRate)}</td>
                <td class="num">${formatUsd(cmp.ec2.perMonth)}</td>
              </tr>
            </tbody>
          </table>
          <p>${cmp.explanation}</p>
        </details>
        <p class="note">
          ${PRICE_TABLE.region} on-demand Linux prices compiled ${PRICE_TABLE.compiledOn}; the meter
          bills per second without the 60-second minimum.
        </p>
      </section>
    `;
  }

  /** The chart's columns, rebuilt when the history (once a simulated minute) moves, not every render. */
  private readonly chartFor = memoLast(
    (history: CostHistory | undefined, eksCreatedAt: number | undefined) => {
      const last = history?.[history.length - 1];
      if (!history || !last) return undefined;
      return costChart(
        { ...emptyMeterLike, history, byCategory: last.byCategory },
        last.t,
        eksCreatedAt,
      );
    },
  );

  private renderChart() {
    const h = this.history.value;
    const chart = h && this.chartFor(h.history, h.eksCreatedAt);
    if (!chart) return null;
    return html`<cp-traffic-chart
      data-testid="cost-chart"
      heading="Cumulative cost by launch type"
      .series=${chart.series}
      .data=${chart.data}
    ></cp-traffic-chart>`;
  }

  private renderOps(
    patching: PatchingState | undefined,
    instances: Readonly<Record<string, ContainerInstance>> | undefined,
  ) {
    if (!patching || !instances) return null;
    const outdated = outdatedInstances({ instances, patching }).length;
    const work = (lt: 'EC2' | 'FARGATE'): number =>
      patching.ledger.filter((e) => e.launchType === lt && e.userWork).length;
    return html`<section aria-labelledby="ops-title" data-testid="ops-ledger">
      <h3 id="ops-title">Things you had to do</h3>
      <p>
        Latest AMI ${patching.latestAmi}: ${outdated} outdated EC2 instance(s). EC2: ${work('EC2')}
        action(s); Fargate: ${work('FARGATE')}.
      </p>
      <ol>
        ${patching.ledger.slice(-8).map((e) => html`<li>${e.launchType}: ${e.what}</li>`)}
      </ol>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-cost-panel': CpCostPanel;
  }
}
