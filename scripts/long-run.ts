/**
 * Long run (issue 9): ~1,000 tasks under a daily load cycle with faults for a simulated week, or
 * LONG_RUN_HOURS hours (`npm run bench` runs a short slice and projects the week). Prints wall time
 * per simulated hour, heap after GC, and the size of every growing structure; exits 1 if any
 * structure passes its bound or the simulation throws. Run:
 *   node --expose-gc --import tsx scripts/long-run.ts            (LONG_RUN_HOURS=168 for the week)
 */
import { writeFileSync } from 'node:fs';
import {
  longRun,
  structureLimits,
  structureSizes,
  type StructureSizes,
} from './long-run-driver.ts';

const tasks = Number(process.env.LONG_RUN_TASKS ?? 1000);
const hours = Number(process.env.LONG_RUN_HOURS ?? 2);
const gc = (globalThis as { gc?: () => void }).gc;
const heapMiB = (): number => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Details go to stderr; `--json <file>` receives the figures for scripts/bench.mjs's table. */
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const limits = structureLimits(tasks);
const peak: Partial<Record<keyof StructureSizes, number>> = {};
const broken: string[] = [];
const heapStart = heapMiB();
const t0 = performance.now();
let last = t0;
log(`long run: ${tasks} tasks, ${hours} simulated hour(s), sampled hourly`);
longRun({
  tasks,
  durationMs: hours * 3_600_000,
  onSample: (s) => {
    const sizes = structureSizes(s);
    for (const [k, v] of Object.entries(sizes) as [keyof StructureSizes, number][]) {
      peak[k] = Math.max(peak[k] ?? 0, v);
      if (v > limits[k])
        broken.push(`${k} = ${v} > ${limits[k]} at ${(s.now / 3_600_000).toFixed(1)} h`);
    }
    const now = performance.now();
    log(
      `  sim ${(s.now / 3_600_000).toFixed(1).padStart(6)} h  wall ${((now - last) / 1000).toFixed(1).padStart(6)} s  heap ${heapMiB().toFixed(1)} MiB  live tasks ${sizes.liveTasks}  events ${sizes.events}  metric points ${sizes.metricDatapoints}`,
    );
    last = now;
  },
});
const wall = (performance.now() - t0) / 1000;
log(
  `long run: ${wall.toFixed(1)} s wall for ${hours} simulated h (${(((wall / hours) * 168) / 60).toFixed(1)} min projected for a simulated week)`,
);
log(
  `long run: heap ${heapStart.toFixed(1)} → ${heapMiB().toFixed(1)} MiB${gc ? '' : ' (run with --expose-gc for after-GC figures)'}`,
);
log(`long run: peak sizes ${JSON.stringify(peak)}`);
const figures = [
  {
    key: 'long.hour',
    what: `wall per simulated hour, ${tasks} tasks with faults`,
    value: wall / hours,
    unit: 's',
  },
  {
    key: 'long.week',
    what: 'projected wall time for a simulated week',
    value: ((wall / hours) * 168) / 60,
    unit: 'min',
    note: `measured over ${hours} simulated h; LONG_RUN_HOURS=168 runs the week`,
  },
  {
    key: 'long.heap',
    what: 'heap after GC at the end',
    value: heapMiB(),
    unit: 'MiB',
    note: `${heapStart.toFixed(1)} MiB at start`,
  },
  {
    key: 'long.bounded',
    what: 'structures past their bound',
    value: broken.length,
    unit: '',
    note: broken.length ? broken.join('; ') : `peak ${JSON.stringify(peak)}`,
  },
];
const out = JSON.stringify({
  figures,
  failed: broken.length ? [`unbounded: ${broken.join('; ')}`] : [],
});
const at = process.argv.indexOf('--json');
if (at > 0 && process.argv[at + 1]) writeFileSync(process.argv[at + 1] as string, out);
else process.stdout.write(`${out}\n`);
if (broken.length) {
  log(`long run: UNBOUNDED\n  ${broken.join('\n  ')}`);
  process.exit(1);
}
log('long run: every structure stayed within its bound');
