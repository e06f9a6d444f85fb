/**
 * Node-vs-browser determinism (issue 9): one workload, run through the pure simulation in node and
 * in headless Chromium, must give the same state digests. This module is shared by both sides:
 * it generates each run's cluster and action sequence from a seed (fast-check's `sample`, whose
 * generator is integer arithmetic and gives the same values in any JS engine), plays it with the
 * property tests' model (tests/properties), and digests the state every few actions.
 *
 * The browser test (tests/browser/determinism) computes the digests in Chromium and asks the
 * test runner's node process for the same runs (the `determinism-digests` server command in
 * web-test-runner.config.mjs), so nothing is hard-coded: a difference in either environment fails.
 */
import fc from 'fast-check';
import '../../src/sim/eks-simulation.ts';
import { advance, createDefaultCluster, type SimState } from '../../src/sim/index.ts';
import { advanceK8s, type K8sState } from '../../src/sim/k8s/index.ts';
import { actionArb, buildCluster, clusterArb, step, type Action } from '../properties/ecs-model.ts';
import { buildEksCluster, eksActionArb, eksClusterArb, eksStep } from '../properties/eks-model.ts';

/**
 * `ecs`: a random ECS cluster (EC2, Fargate, ALB, auto scaling, faults) and random actions;
 * `default`: the app's default cluster with its traffic, then random actions;
 * `eks`: a random EKS cluster and random kubectl-style actions and faults.
 */
export type RunKind = 'ecs' | 'default' | 'eks';

export interface RunSpec {
  readonly kind: RunKind;
  readonly seed: number;
  /** Number of random actions. */
  readonly actions: number;
}

/** The runs both environments play (kept small: the browser side runs them once per test run). */
export const RUNS: readonly RunSpec[] = [
  { kind: 'ecs', seed: 11, actions: 40 },
  { kind: 'ecs', seed: 2026, actions: 40 },
  { kind: 'ecs', seed: 90_210, actions: 40 },
  { kind: 'default', seed: 7, actions: 30 },
  { kind: 'default', seed: 31_337, actions: 30 },
  { kind: 'eks', seed: 5, actions: 40 },
  { kind: 'eks', seed: 4_242, actions: 40 },
];

/** A digest is taken after every this many actions (so a mismatch says where runs diverged). */
export const CHECKPOINT_EVERY = 10;

/**
 * Canonical JSON: object keys sorted, `undefined` members left out (as JSON.stringify does), so
 * two deep-equal states give the same text whatever order their keys were inserted in.
 * Maps/Sets are not expected in SimState (it is plain data); they would be refused loudly.
 */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return `"${String(value)}"`;
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol')
      throw new Error(`canonical: cannot digest a ${typeof value}`);
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Map || value instanceof Set)
    throw new Error('canonical: Map/Set in the state (the state must be plain data)');
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v)).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${canonical(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Two 32-bit FNV-1a style hashes over UTF-16 code units (Math.imul: exact in every engine). */
function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** `<length of the canonical text>:<64-bit hash>`. */
export function digest(value: unknown): string {
  const text = canonical(value);
  return `${text.length}:${hash64(text)}`;
}

/** The digests of one run: the initial state, every CHECKPOINT_EVERY actions, and the end. */
export interface RunDigests {
  readonly run: RunSpec;
  readonly checkpoints: readonly { readonly afterActions: number; readonly digest: string }[];
}

function sample<T>(arb: fc.Arbitrary<T>, seed: number): T {
  const [value] = fc.sample(arb, { seed, numRuns: 1 });
  if (value === undefined) throw new Error('fast-check sampled nothing');
  return value;
}

/** Plays one run and digests it along the way. */
export function playRun(run: RunSpec): RunDigests {
  const checkpoints: { afterActions: number; digest: string }[] = [];
  const at = (n: number, state: SimState | K8sState): void => {
    if (n % CHECKPOINT_EVERY === 0 || n === run.actions)
      checkpoints.push({ afterActions: n, digest: digest(state) });
  };
  if (run.kind === 'eks') {
    const [spec, actions] = sample(
      fc.tuple(
        eksClusterArb,
        fc.array(eksActionArb, { minLength: run.actions, maxLength: run.actions }),
      ),
      run.seed,
    );
    let s = buildEksCluster(spec);
    at(0, s);
    actions.forEach((a, i) => {
      s = eksStep(s, a);
      at(i + 1, s);
    });
    // Ten more simulated minutes: controllers, HPA and kubelet keep running with no input.
    checkpoints.push({ afterActions: -1, digest: digest(advanceK8s(s, 600_000)) });
    return { run, checkpoints };
  }
  const actionsArb = fc.array(actionArb, { minLength: run.actions, maxLength: run.actions });
  let s: SimState;
  let actions: Action[];
  if (run.kind === 'ecs') {
    const [spec, list] = sample(fc.tuple(clusterArb, actionsArb), run.seed);
    s = buildCluster(spec);
    actions = list;
  } else {
    s = advance(createDefaultCluster(run.seed), 60_000);
    actions = sample(actionsArb, run.seed);
  }
  at(0, s);
  actions.forEach((a, i) => {
    s = step(s, a, i);
    at(i + 1, s);
  });
  // Half an hour more: traffic, metrics, alarms and scaling keep running with no input.
  checkpoints.push({ afterActions: -1, digest: digest(advance(s, 1_800_000)) });
  return { run, checkpoints };
}

/** Every run of RUNS (or the given ones). */
export function playRuns(runs: readonly RunSpec[] = RUNS): RunDigests[] {
  return runs.map(playRun);
}
