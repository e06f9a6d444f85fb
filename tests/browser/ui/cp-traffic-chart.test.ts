import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/ui/cp-traffic-chart.ts';
import type { ChartSeries, CpTrafficChart } from '../../../src/ui/cp-traffic-chart.ts';
import type { Columns } from '../../../src/ui/traffic-series.ts';

const A: ChartSeries = { label: 'Fargate', color: '#0972d3' };
const B: ChartSeries = { label: 'EC2', color: '#d45b07' };

/** Collects unhandled errors and rejections (uPlot's own code throws from inside a promise). */
function catchErrors(): { errors: string[]; stop: () => void } {
  const errors: string[] = [];
  const onError = (e: ErrorEvent): void => void errors.push(String(e.message));
  const onRejection = (e: PromiseRejectionEvent): void => void errors.push(String(e.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop: () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

describe('cp-traffic-chart', () => {
  it('draws a series that has no column yet as a gap instead of failing', async () => {
    const caught = catchErrors();
    const el = await fixture<CpTrafficChart>(
      html`<cp-traffic-chart
        heading="Cost"
        .series=${[A, B]}
        .data=${
          [
            [1, 2, 3],
            [1, 2, 3],
          ] as Columns
        }
      ></cp-traffic-chart>`,
    );
    await waitUntil(() => el.ready, 'chart drew');
    await new Promise((r) => setTimeout(r, 50));
    caught.stop();
    expect(caught.errors).to.deep.equal([]);
    expect(el.plotSeries).to.equal(3);
    expect(el.points).to.equal(3);
  });

  it('rebuilds the plot when a series is added later (the first EC2 cost, an instance count)', async () => {
    const caught = catchErrors();
    const el = await fixture<CpTrafficChart>(
      html`<cp-traffic-chart
        heading="Cost"
        .series=${[A]}
        .data=${
          [
            [1, 2],
            [5, 6],
          ] as Columns
        }
      ></cp-traffic-chart>`,
    );
    await waitUntil(() => el.ready, 'chart drew');
    expect(el.plotSeries).to.equal(2);
    el.series = [A, B];
    el.data = [
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [null, null, 1, 2],
    ];
    await waitUntil(() => el.plotSeries === 3, 'plot rebuilt with the new series');
    expect(el.points).to.equal(4);
    // The same series again (a new array, same labels and colours): data updates in place.
    el.series = [{ ...A }, { ...B }];
    el.data = [
      [1, 2, 3, 4, 5],
      [5, 6, 7, 8, 9],
      [null, null, 1, 2, 3],
    ];
    await waitUntil(() => el.points === 5, 'new point drawn');
    expect(el.shadowRoot?.querySelectorAll('.uplot').length).to.equal(1);
    await new Promise((r) => setTimeout(r, 50));
    caught.stop();
    expect(caught.errors).to.deep.equal([]);
  });
});
