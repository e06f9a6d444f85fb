/**
 * Benchmark of the ECS simulation core: mean wall time of one `advance(state, STEP_MS)` with 100,
 * 1,000 and 10,000 RUNNING tasks (clusters built through commands only), in steady state and while
 * a service is being self-healed after an instance loss. Run: `npx tsx scripts/bench-sim.ts`.
 */
import {
  STEP_MS,
  advance,
  advanceUntilSteady,
  applyCommand,
  createSimulation,
  type SimCommand,
  type SimState,
} from '../src/sim/index.ts';

function must(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(`${c.type}: ${r.error}`);
  return r.state;
}

/** A cluster with `tasks` RUNNING tasks: 128 CPU / 256 MiB each, 32 per m5.xlarge, services of ≤ 1000. */
function buildCluster(tasks: number): SimState {
  let s = createSimulation({ seed: 2026 });
  const instances = Math.ceil(tasks / 30);
  const azs = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  for (let i = 0; i < instances; i++) {
    s = must(s, {
      type: 'ADD_INSTANCE',
      instanceType: 'm5.xlarge',
      availabilityZone: azs[i % 3] as string,
    });
  }
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
  s = advance(s, 10_000);
  let left = tasks;
  for (let i = 0; left > 0; i++) {
    const n = Math.min(1000, left);
    s = must(s, {
      type: 'CREATE_SERVICE',
      serviceName: `svc-${i}`,
      taskDefinition: 'bench',
      desiredCount: n,
      launchType: 'EC2',
    });
    left -= n;
  }
  return advanceUntilSteady(s, 30 * 60_000);
}

/** Mean wall-clock and CPU ms per `advance(state, STEP_MS)` over `steps` consecutive steps. */
function meanStepMs(state: SimState, steps: number): { wall: number; cpu: number } {
  let s = state;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) s = advance(s, STEP_MS);
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / steps, cpu: (c.user + c.system) / 1000 / steps };
}

const fmt = (m: { wall: number; cpu: number }): string =>
  `${m.wall.toFixed(3).padStart(7)} ms (cpu ${m.cpu.toFixed(3).padStart(7)})`;

console.log(
  'Mean time per advance(state, STEP_MS); wall clock, with process CPU time in brackets.',
);
const rows: string[] = [];
for (const n of [100, 1_000, 10_000]) {
  const t0 = performance.now();
  const s = buildCluster(n);
  const buildMs = performance.now() - t0;
  const running = Object.values(s.tasks).filter((t) => t.lastStatus === 'RUNNING').length;
  meanStepMs(s, 5); // warm-up
  const steady = meanStepMs(s, 120);
  // Busy: an instance is terminated, so its tasks stop and the services replace them.
  const victim = Object.keys(s.instances).sort()[0] as string;
  const busyState = must(s, { type: 'TERMINATE_INSTANCE', instanceId: victim });
  const busy = meanStepMs(busyState, 60);
  rows.push(
    `${String(running).padStart(6)} running tasks | build ${(buildMs / 1000).toFixed(1).padStart(5)} s | ` +
      `steady ${fmt(steady)} per step | self-healing ${fmt(busy)} per step`,
  );
  console.log(rows.at(-1));
}
