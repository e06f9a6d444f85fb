/**
 * `<cp-traffic-chart>`: one live time-series chart drawn by uPlot, which is loaded on first use
 * (dynamic import) so it stays out of the initial bundle. Holds no cluster state: the panel passes
 * column data in; the legend (series name and newest value) is plain text in large type.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type uPlot from 'uplot';
import type { Columns } from './traffic-series.ts';

export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly dash?: readonly number[];
  readonly digits?: number;
}

let loader: Promise<typeof uPlot> | undefined;
/** Loads uPlot once for every chart on the page. */
function loadUPlot(): Promise<typeof uPlot> {
  loader ??= import('uplot').then((m) => m.default);
  return loader;
}

@customElement('cp-traffic-chart')
export class CpTrafficChart extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    h4 {
      margin: 4px 0 2px;
      font-size: 14px;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      list-style: none;
      margin: 0 0 2px;
      padding: 0;
      font-size: 13px;
    }
    .swatch {
      display: inline-block;
      width: 14px;
      height: 4px;
      margin-right: 4px;
      vertical-align: middle;
    }
    .plot {
      min-height: 110px;
    }
    /* The layout rules of uPlot's stylesheet (uPlot.min.css) that its canvas needs. */
    .uplot,
    .uplot * {
      box-sizing: border-box;
    }
    .u-wrap {
      position: relative;
      user-select: none;
    }
    .u-over,
    .u-under,
    .u-axis {
      position: absolute;
    }
    .u-under {
      overflow: hidden;
    }
    .uplot canvas {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
    }
  `;

  @property() heading = '';
  @property({ attribute: false }) series: readonly ChartSeries[] = [];
  @property({ attribute: false }) data: Columns = [[]];
  @property({ type: Number }) height = 120;
  /** True once uPlot has drawn (tests wait for it). */
  @state() ready = false;
  @query('.plot') private plotHost!: HTMLDivElement;
  private plot: uPlot | undefined;
  private width = 320;
  private resize: ResizeObserver | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize = new ResizeObserver((entries) => {
      const w = Math.max(200, Math.floor(entries[0]?.contentRect.width ?? this.width));
      if (w === this.width) return;
      this.width = w;
      this.plot?.setSize({ width: w, height: this.height });
    });
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  /** Number of points currently drawn (for tests). */
  get points(): number {
    return this.plot?.data[0]?.length ?? 0;
  }

  /** Number of series the plot draws, x included (for tests). */
  get plotSeries(): number {
    return this.plot?.series.length ?? 0;
  }

  /**
   * The data with exactly one column per series (uPlot reads `data[i]` for every series it was
   * built with): a missing column is drawn as gaps, an extra one is left out.
   */
  private aligned(): uPlot.AlignedData {
    const x = this.data[0] ?? [];
    const cols: (number | null)[][] = [x];
    for (let i = 1; i <= this.series.length; i++) cols.push(this.data[i] ?? x.map(() => null));
    return cols as uPlot.AlignedData;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.plot && changed.has('series')) {
      // A series came or went (e.g. the first EC2 cost, an instance count): build the plot anew.
      const old = changed.get('series') ?? [];
      const same =
        old.length === this.series.length &&
        old.every((s, i) => s.label === this.series[i]?.label && s.color === this.series[i]?.color);
      if (!same) {
        this.plot.destroy();
        this.plot = undefined;
      }
    }
    if (this.plot) {
      if (changed.has('data')) this.plot.setData(this.aligned());
      return;
    }
    void loadUPlot().then((UPlot) => {
      if (this.plot || !this.isConnected) return;
      const axis = { stroke: 'currentColor', font: '13px system-ui, sans-serif', size: 44 };
      this.plot = new UPlot(
        {
          width: this.width,
          height: this.height,
          legend: { show: false },
          cursor: { show: false },
          scales: {
            x: { time: true },
            y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
          },
          axes: [axis, { ...axis, grid: { stroke: 'rgba(127,127,127,0.25)' } }],
          series: [
            {},
            ...this.series.map((s) => ({
              label: s.label,
              stroke: s.color,
              width: 3,
              ...(s.dash ? { dash: [...s.dash] } : {}),
              spanGaps: false,
            })),
          ],
        },
        this.aligned(),
        this.plotHost,
      );
      this.ready = true;
    });
  }

  override render() {
    const last = (i: number): string => {
      const col = this.data[i + 1];
      const v = col ? col[col.length - 1] : null;
      return v === null || v === undefined ? '–' : v.toFixed(this.series[i]?.digits ?? 0);
    };
    return html`
      <h4>${this.heading}</h4>
      <ul>
        ${this.series.map(
          (s, i) =>
            html`<li>
              <span class="swatch" style=${styleMap({ background: s.color })}></span>${s.label}:
              ${last(i)}
            </li>`,
        )}
      </ul>
      <div class="plot"></div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-traffic-chart': CpTrafficChart;
  }
}
