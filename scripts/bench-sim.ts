/**
 * Node part of `npm run bench` (run by scripts/bench.mjs with `--expose-gc --import tsx`):
 *  - step time of `advance(state, STEP_MS)` at 100 / 1,000 / 10,000 RUNNING tasks, steady and while
 *    services self-heal after an instance loss;
 *  - placement of 1,000 tasks at once (one CreateService with desiredCount 1,000);
 *  - one simulated hour at 10,000 tasks on 1,000 instances with 100 services under changing demand
 *    (desired counts follow a daily-like wave, instances fail and are replaced), one `advance` per
 *    1-second step as the app drives it at high speed;
 *  - one simulated hour at 1,000 tasks behind an ALB under varying load with target tracking;
 *  - heap after a simulated day at 1,000 tasks vs after its first hour (same churn);
 *  - every scenario in scenarios/ replayed headless (load + run).
 * Prints details on stderr and writes the figures as JSON to the file named by `--json <path>`
 * (or prints the JSON on stdout without it). Clusters are built through commands only.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  STEP_MS,
  advance,
  advanceUntilSteady,
  applyCommand,
  createSimulation,
  type SimCommand,
  type SimState,
} from '../src/sim/index.ts';
import { loadScenario } from '../src/formats/scenario.ts';
import { runScenario } from '../src/machine/scenario/runner.ts';
// A node entry point registers the EKS simulation up front, as src/cli/main.ts does (the page loads it
// lazily, src/sim/eks.ts): the EKS scenarios step an EKS cluster.
import '../src/sim/eks-simulation.ts';

type Figure = { key: string; value: number; unit: string; note?: string };
const figures: Figure[] = [];
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const gc = (globalThis as { gc?: () => void }).gc;

function must(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(`${c.type}: ${r.error}`);
  return r.state;
}

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** A cluster with `instances` m5.xlarge (32 tasks of 128 CPU / 256 MiB fit on each) and the td. */
function emptyCluster(instances: number): SimState {
  let s = createSimulation({ seed: 2026 });
  for (let i = 0; i < instances; i++)
    s = must(s, {
      type: 'ADD_INSTANCE',
      instanceType: 'm5.xlarge',
      availabilityZone: AZS[i % 3] as string,
    });
  s = must(s, {
    type: 'REGISTER_TASK_DEFINITION',
    taskDefinition: {
      family: 'bench',
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx:latest',
          cpu: 128,
          memory: 256,
          essential: true,
          portMappings: [],
          environment: [],
        },
      ],
      requiresCompatibilities: ['EC2'],
      networkMode: 'bridge',
      cpuArchitecture: 'X86_64',
      operatingSystemFamily: 'LINUX',
      placementConstraints: [],
    },
  });
  return advance(s, 10_000);
}

/** `tasks` RUNNING tasks in `services` services on `instances` instances, advanced until steady. */
function buildCluster(tasks: number, instances: number, services: number): SimState {
  let s = emptyCluster(instances);
  const per = Math.ceil(tasks / services);
  let left = tasks;
  for (let i = 0; left > 0; i++) {
    const n = Math.min(per, left);
    s = must(s, {
      type: 'CREATE_SERVICE',
      serviceName: `svc-${String(i).padStart(3, '0')}`,
      taskDefinition: 'bench',
      desiredCount: n,
      launchType: 'EC2',
    });
    left -= n;
  }
  return advanceUntilSteady(s, 30 * 60_000);
}

const running = (s: SimState): number =>
  Object.values(s.tasks).filter((t) => t.lastStatus === 'RUNNING').length;

/** Mean wall ms per `advance(state, STEP_MS)` over `steps` consecutive steps. */
function meanStepMs(state: SimState, steps: number): number {
  let s = state;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) s = advance(s, STEP_MS);
  return (performance.now() - t0) / steps;
}

/** CPU ms of this process since `c0` (less sensitive than wall time to other load on the machine). */
const cpuMs = (c0: NodeJS.CpuUsage): number => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/**
 * Changing demand and faults for a cluster built by buildCluster: every simulated minute a tenth of
 * the services get a new desired count on a wave (base ±20 %), and every 10 minutes the oldest
 * instance is terminated and a new one added. Returns the state after `ms`, advancing `chunk` ms
 * per call (STEP_MS: one snapshot per step, as the app at high speed; 60 s: fast-forward between
 * the commands of each minute, as the scenario runner does). Without `setDesired` only the faults.
 * `start` may be a function building the first state: then nothing but this loop's `s` holds it (a
 * caller's variable or argument would keep it alive for the whole run: see memoryDay).
 */
function churn(
  start: SimState | (() => SimState),
  ms: number,
  base: number,
  chunk: number,
  onStep?: (s: SimState, t: number) => void,
  setDesired = true,
): SimState {
  let s = typeof start === 'function' ? start() : start;
  const services = Object.keys(s.services).sort();
  const t0 = s.now;
  for (let t = chunk; t <= ms; t += chunk) {
    s = advance(s, chunk);
    if (setDesired && t % 60_000 === 0) {
      const minute = t / 60_000;
      for (let k = minute % 10; k < services.length; k += 10) {
        const phase = (2 * Math.PI * (minute + k * 7)) / 240;
        const desired = Math.max(1, Math.round(base * (1 + 0.2 * Math.sin(phase))));
        s = must(s, {
          type: 'UPDATE_SERVICE',
          serviceName: services[k] as string,
          desiredCount: desired,
        });
      }
    }
    if (t % 600_000 === 0) {
      const victim = Object.values(s.instances)
        .filter((i) => i.status === 'ACTIVE')
        .sort((a, b) => a.registeredAt - b.registeredAt || (a.id < b.id ? -1 : 1))[0];
      if (victim) {
        s = must(s, { type: 'TERMINATE_INSTANCE', instanceId: victim.id });
        s = must(s, {
          type: 'ADD_INSTANCE',
          instanceType: 'm5.xlarge',
          availabilityZone: victim.availabilityZone,
        });
      }
    }
    onStep?.(s, s.now - t0);
  }
  return s;
}

function stepTimes(): void {
  for (const n of [100, 1_000, 10_000]) {
    const t0 = performance.now();
    const s = buildCluster(n, Math.ceil(n / 30), Math.ceil(n / 1000));
    const buildMs = performance.now() - t0;
    meanStepMs(s, 5); // warm-up
    const steady = meanStepMs(s, 120);
    const victim = Object.keys(s.instances).sort()[0] as string;
    const busy = meanStepMs(must(s, { type: 'TERMINATE_INSTANCE', instanceId: victim }), 60);
    log(
      `${String(running(s)).padStart(6)} running tasks | build ${(buildMs / 1000).toFixed(1)} s | steady ${steady.toFixed(3)} ms/step | self-healing ${busy.toFixed(3)} ms/step`,
    );
    figures.push({ key: `step.steady.${n}`, value: steady, unit: 'ms' });
    figures.push({ key: `step.healing.${n}`, value: busy, unit: 'ms' });
  }
}

function placement(): void {
  // 100 m5.xlarge (3,200 slots) already running 1,000 tasks of 10 services; then one CreateService
  // places 1,000 more tasks in the same command (spread by AZ, then by instance: ECS's default).
  const base = buildCluster(1_000, 100, 10);
  const cmd: SimCommand = {
    type: 'CREATE_SERVICE',
    serviceName: 'burst',
    taskDefinition: 'bench',
    desiredCount: 1_000,
    launchType: 'EC2',
  };
  const times: number[] = [];
  const cpu: number[] = [];
  let placed = 0;
  for (let i = 0; i < Number(process.env.PLACE_REPS ?? 7); i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = applyCommand(base, cmd);
    times.push(performance.now() - t0);
    cpu.push(cpuMs(c0));
    if (r.error) throw new Error(r.error);
    placed = Object.values(r.state.tasks).filter((t) => t.serviceName === 'burst').length;
  }
  log(
    `placement: ${placed} tasks in one CreateService: ${times.map((t) => t.toFixed(1)).join(', ')} ms`,
  );
  if (placed !== 1_000) throw new Error(`placement bench placed ${placed} tasks, not 1000`);
  figures.push({
    key: 'placement.1000',
    value: median(times),
    unit: 'ms',
    note: `median of 7; cpu ${median(cpu).toFixed(1)} ms`,
  });
}

/** Simulated time of the per-step variant of the hour (extrapolated: it costs one record copy per step). */
const STEP_HOUR_MS = Number(process.env.BENCH_STEP_HOUR_MIN ?? 10) * 60_000;
/** Simulated time of the under-load variant of the hour (the whole hour unless set lower). */
const LOAD_HOUR_MS = Number(process.env.BENCH_LOAD_HOUR_MIN ?? 60) * 60_000;

/**
 * Puts every service behind an ALB with a daily-like request wave (each service its own phase),
 * a scalable target around its size and CPU target tracking at 50 % — load-driven desired counts
 * (src/sim/traffic). The wave is sized so the target is crossed: a task reserves 128 CPU units
 * (125 ms of CPU a second) and a request costs 10 ms (DEFAULT_APP_PROFILE), so 6.25 req/s per task is
 * 50 % CPU; the mean is that at `base` tasks and the wave swings ±40 %, so services scale out and in
 * between 70 % and 130 % of `base` over the hour instead of sitting at the maximum. Returns undefined when the sim refuses it (then the hour uses the wave of
 * desired counts in `churn` alone).
 */
function withLoad(start: SimState, base: number): SimState | undefined {
  let s = start;
  const services = Object.keys(s.services).sort();
  for (const [k, name] of services.entries()) {
    const cmds: SimCommand[] = [
      { type: 'ATTACH_LOAD_BALANCER', serviceName: name, loadBalancerName: `alb-${k}` },
      {
        type: 'REGISTER_SCALABLE_TARGET',
        serviceName: name,
        minCapacity: Math.round(base * 0.7),
        maxCapacity: Math.round(base * 1.3),
      },
      {
        type: 'PUT_SCALING_POLICY',
        serviceName: name,
        policyName: 'cpu50',
        targetTracking: {
          predefinedMetricType: 'ECSServiceAverageCPUUtilization',
          targetValue: 50,
        },
      },
      {
        type: 'SET_LOAD',
        serviceName: name,
        load: {
          kind: 'sine',
          mean: 6.25 * base,
          amplitude: 2.5 * base,
          periodSeconds: 7_200,
          phaseSeconds: k * 71,
        },
      },
    ] as SimCommand[];
    for (const c of cmds) {
      const r = applyCommand(s, c);
      if (r.error) {
        log(`sim hour: no load-driven scaling (${c.type}: ${r.error})`);
        return undefined;
      }
      s = r.state;
    }
  }
  return s;
}

function simHour(): void {
  const t0 = performance.now();
  const built = buildCluster(10_000, 1_000, 100);
  const s = built;
  log(
    `sim hour: built ${running(s)} tasks on ${Object.keys(s.instances).length} instances in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const t1 = performance.now();
  const c0 = process.cpuUsage();
  const end = churn(s, 3_600_000, 100, 60_000);
  const wall = performance.now() - t1;
  const cpu = cpuMs(c0) / 1000;
  // The same hour with one advance per 1-second step (a snapshot per step, as the app at speed).
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  churn(s, STEP_HOUR_MS, 100, STEP_MS);
  const perStep = ((performance.now() - t2) / 1000) * (3_600_000 / STEP_HOUR_MS);
  const perStepCpu = (cpuMs(c2) / 1000) * (3_600_000 / STEP_HOUR_MS);
  log(
    `sim hour: ${(wall / 1000).toFixed(2)} s wall; ${running(end)} running at the end, ${end.events.length} events kept`,
  );
  figures.push({
    key: 'sim.hour.10k',
    value: wall / 1000,
    unit: 's',
    note: `cpu ${cpu.toFixed(2)} s; advance per simulated minute between commands; desired counts on a wave + instance faults, no ALB load`,
  });
  loadedHour(s);
  figures.push({
    key: 'sim.hour.10k.perStep',
    value: perStep,
    unit: 's',
    note: `cpu ${perStepCpu.toFixed(2)} s; one advance per 1-s step, extrapolated from ${STEP_HOUR_MS / 60_000} simulated minutes`,
  });
}

/** The hour under load alone (`BENCH_ONLY=hourload` times it without the other hours). */
function loadedHour(s: SimState): void {
  // Under load: every service behind an ALB with CPU target tracking (src/sim/traffic): the whole
  // hour by default (BENCH_LOAD_HOUR_MIN runs a part and scales it up).
  const loaded = withLoad(s, 100);
  if (loaded) {
    const t3 = performance.now();
    const c3 = process.cpuUsage();
    // The autoscaler owns the desired counts here (as Application Auto Scaling does), so only the
    // instance faults of the churn apply; the load itself varies on each service's wave.
    let lo = Infinity;
    let hi = 0;
    const desired = (x: SimState): number =>
      Object.values(x.services).reduce((n, svc) => n + svc.desiredCount, 0);
    const endLoaded = churn(
      loaded,
      LOAD_HOUR_MS,
      100,
      60_000,
      (x) => {
        const n = desired(x);
        lo = Math.min(lo, n);
        hi = Math.max(hi, n);
      },
      false,
    );
    const lw = (performance.now() - t3) / 1000 / (LOAD_HOUR_MS / 3_600_000);
    const lc = cpuMs(c3) / 1000 / (LOAD_HOUR_MS / 3_600_000);
    const started = Object.values(endLoaded.tasks).filter((t) => t.createdAt > loaded.now).length;
    log(
      `sim hour under load: ${lw.toFixed(2)} s wall (cpu ${lc.toFixed(2)} s) for ${LOAD_HOUR_MS / 60_000} simulated minutes scaled to the hour; desired counts ${lo}–${hi} in total, ${started} tasks started, ${running(endLoaded)} running at the end`,
    );
    figures.push({
      key: 'sim.hour.10k.load',
      value: lw,
      unit: 's',
      note: `cpu ${lc.toFixed(2)} s; ALB load on a 2-h wave per service + CPU target tracking + instance faults every 10 min; ${LOAD_HOUR_MS === 3_600_000 ? 'the whole hour' : `scaled up from ${LOAD_HOUR_MS / 60_000} simulated minutes`}; desired ${lo}–${hi}, ${started} tasks started`,
    });
  }
}

/**
 * A simulated hour at 1,000 tasks under varying load: one 1,000-task service behind an ALB with
 * target tracking at 70 % CPU (min 800, max 1,300), offered a one-hour sine (7,000 ± 3,000 rps,
 * ±5 % noise). Every 1-second step routes requests, computes utilisation and records CloudWatch
 * samples; every minute the alarms are evaluated and the service scales. Wall time of 3,600 steps.
 */
function trafficHour(): void {
  // 42 m5.xlarge hold 1,344 tasks of 128 CPU units: room to scale out to 1,300.
  let s = buildCluster(1_000, 42, 1);
  const svc = Object.keys(s.services)[0] as string;
  s = must(s, { type: 'ATTACH_LOAD_BALANCER', serviceName: svc, loadBalancerName: 'bench-alb' });
  s = must(s, {
    type: 'REGISTER_SCALABLE_TARGET',
    serviceName: svc,
    minCapacity: 800,
    maxCapacity: 1300,
  });
  s = must(s, {
    type: 'PUT_SCALING_POLICY',
    serviceName: svc,
    policyName: 'cpu70',
    targetTracking: { predefinedMetricType: 'ECSServiceAverageCPUUtilization', targetValue: 70 },
  });
  // 128 CPU units at 10 ms per request = 12.5 rps per task: 7,000 rps is 56 % of 1,000 tasks,
  // the peak (10,000 rps at 15 min) 80 %, the trough (4,000 rps at 45 min) 32 %.
  s = must(s, {
    type: 'SET_LOAD',
    serviceName: svc,
    load: {
      shape: { kind: 'sine', mean: 7_000, amplitude: 3_000, periodSeconds: 3_600, phaseSeconds: 0 },
      noise: 0.05,
    },
  });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < 3_600; i++) s = advance(s, STEP_MS);
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuMs(c0) / 1000;
  const tr = s.traffic!;
  log(
    `traffic hour: ${wall.toFixed(2)} s wall (cpu ${cpu.toFixed(2)} s); ${tr.activities.length} scaling activities, desired ${s.services[svc]!.desiredCount}, ${running(s)} running at the end`,
  );
  figures.push({
    key: 'sim.hour.1k.traffic',
    value: wall,
    unit: 's',
    note: `cpu ${cpu.toFixed(2)} s; 3,600 one-second steps with ALB routing, utilisation, CloudWatch samples, target tracking (${tr.activities.length} scaling activities)`,
  });
}

function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function memoryDay(): void {
  if (!gc) throw new Error('memory bench needs node --expose-gc');
  let hour = 0;
  const t0 = performance.now();
  // The cluster is built inside churn: held here (a variable, or the argument churn keeps in its
  // frame), the built state stays reachable all day. Its tasks and instances are shared with the
  // running state at 1 h, but by ~7 h every original instance has been replaced (one every 10 min)
  // and the 1,000 original tasks with it, so it alone added ~1.7 MB (+15 %) to the day figure only.
  let s: SimState | undefined = churn(
    () => buildCluster(1_000, 40, 10),
    24 * 3_600_000,
    100,
    60_000,
    (_s, t) => {
      if (t === 3_600_000) hour = heapMb();
    },
  );
  const day = heapMb();
  log(
    `memory: heap ${hour.toFixed(1)} MB after 1 h, ${day.toFixed(1)} MB after 24 h (${running(s)} running, ${Object.keys(s.tasks).length} tasks kept, ${s.events.length} events; ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  figures.push({ key: 'memory.hour', value: hour, unit: 'MB' });
  figures.push({ key: 'memory.day', value: day, unit: 'MB' });
  s = undefined;
}

function scenarios(): void {
  const dir = fileURLToPath(new URL('../scenarios/', import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  for (const file of files) {
    const text = readFileSync(`${dir}${file}`, 'utf8');
    const times: number[] = [];
    const cpu: number[] = [];
    let ok = true;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const loaded = loadScenario(text, file);
      if (!loaded.ok) throw new Error(`${file} does not load`);
      const run = runScenario(loaded.scenario);
      times.push(performance.now() - t0);
      cpu.push(cpuMs(c0));
      ok = run.summary.ok;
    }
    log(
      `scenario ${file}: first ${times[0]?.toFixed(1)} ms, then ${times
        .slice(1)
        .map((t) => t.toFixed(1))
        .join(', ')} ms${ok ? '' : ' (expectations failed)'}`,
    );
    figures.push({
      key: `scenario.${file}`,
      value: times[0] as number,
      unit: 'ms',
      note: `first run in the process (cpu ${cpu[0]?.toFixed(1)} ms); warm median ${median(times.slice(1)).toFixed(1)} ms${ok ? '' : '; EXPECTATIONS FAILED'}`,
    });
  }
}

const only = process.env.BENCH_ONLY?.split(',');
const parts: [string, () => void][] = [
  ['scenarios', scenarios],
  ['placement', placement],
  ['steps', stepTimes],
  ['hour', simHour],
  [
    'hourload',
    () => {
      const t0 = performance.now();
      const s = buildCluster(10_000, 1_000, 100);
      log(
        `sim hour: built ${running(s)} tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      loadedHour(s);
    },
  ],
  ['traffic', trafficHour],
  ['memory', memoryDay],
];
const failed: string[] = [];
for (const [name, fn] of parts) {
  // hourload repeats a piece of hour: only when asked for by name.
  if (only ? !only.includes(name) : name === 'hourload') continue;
  try {
    fn();
  } catch (e) {
    failed.push(name);
    log(`bench-sim ${name}: could not measure: ${(e as Error).stack ?? e}`);
  }
}
const out = JSON.stringify({ figures, failed });
const at = process.argv.indexOf('--json');
if (at > 0 && process.argv[at + 1]) writeFileSync(process.argv[at + 1] as string, out);
else process.stdout.write(`${out}\n`);
