/**
 * Issue 9: EKS invariants under random play. Random node groups (and a Fargate profile), random
 * manifests (parsed from YAML text), kubectl-style commands and faults; after every step the checker
 * in eks-model.ts verifies node capacity, pod phases (tracked per pod across steps), HPA and node
 * group min/max, non-negative finite counts, bounded events. Determinism: same seed + actions → same state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceK8s, applyK8sCommand, type K8sState } from '../../src/sim/k8s/index.ts';
import { PROPERTY_TIMEOUT, params } from './ecs-model.ts';
import {
  buildEksCluster,
  checkEksInvariants,
  eksActionArb,
  eksClusterArb,
  eksStep,
  newEksObserver,
  type EksAction,
  type EksSpec,
  IMAGES,
  ZONES,
} from './eks-model.ts';

export function playEks(spec: EksSpec, actions: readonly EksAction[]): K8sState {
  let s = buildEksCluster(spec);
  const obs = newEksObserver();
  checkEksInvariants(s, obs);
  for (const a of actions) {
    s = eksStep(s, a);
    checkEksInvariants(s, obs);
  }
  return s;
}

/**
 * After the random phase: every zone restored, every node Ready, images pullable and not crashing,
 * and a fresh node group with one c5.xlarge per desired replica (any generated pod fits alone on one).
 */
function healEks(s: K8sState): K8sState {
  const run = (x: K8sState, cmd: Parameters<typeof applyK8sCommand>[1]): K8sState =>
    applyK8sCommand(x, cmd).state;
  for (const zone of ZONES) s = run(s, { type: 'AZ_RESTORE', zone });
  for (const name of Object.keys(s.nodes)) s = run(s, { type: 'NODE_READY', name });
  for (const image of IMAGES) s = run(s, { type: 'SET_IMAGE_BEHAVIOUR', image, pullable: true });
  const wanted = Object.values(s.deployments).reduce(
    (n, d) =>
      n + Math.max(d.spec.replicas, ...Object.values(s.hpas).map((h) => h.spec.maxReplicas)),
    0,
  );
  return run(s, {
    type: 'ADD_NODE_GROUP',
    name: 'heal',
    instanceType: 'c5.xlarge',
    desiredSize: Math.max(1, wanted),
    maxSize: Math.max(1, wanted),
    autoscaled: false,
  });
}

/** Bounded simulated time for a Deployment with enough capacity to have all replicas available. */
const CONVERGE_WITHIN_MS = 20 * 60_000;

const sequence = fc.array(eksActionArb, { minLength: 1, maxLength: 25 });

describe('EKS invariants under random play', () => {
  it(
    'capacity, pod phases, min/max, finite counts hold after every step',
    () => {
      fc.assert(
        fc.property(eksClusterArb, sequence, (spec, actions) => {
          playEks(spec, actions);
        }),
        params(9_101, 40),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'a Deployment with enough capacity has all its replicas available within bounded time',
    () => {
      fc.assert(
        fc.property(eksClusterArb, sequence, (spec, actions) => {
          let s = healEks(playEks(spec, actions));
          const obs = newEksObserver();
          const until = s.now + CONVERGE_WITHIN_MS;
          const converged = (x: K8sState): boolean =>
            Object.values(x.deployments).every(
              (d) =>
                d.status.availableReplicas === d.spec.replicas &&
                d.status.replicas === d.spec.replicas,
            );
          while (!converged(s) && s.now < until) {
            s = advanceK8s(s, 10_000);
            checkEksInvariants(s, obs);
          }
          const report = Object.values(s.deployments).map((d) => ({
            name: d.meta.name,
            want: d.spec.replicas,
            ...d.status,
            conditions: undefined,
          }));
          expect(converged(s), JSON.stringify(report)).toBe(true);
        }),
        params(9_103, 20),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'determinism: the same seed and actions give deep-equal states',
    () => {
      fc.assert(
        fc.property(eksClusterArb, sequence, (spec, actions) => {
          expect(playEks(spec, actions)).toEqual(playEks(spec, actions));
        }),
        params(9_102, 10),
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('EKS property-test regressions', () => {
  it('HPA re-applied with a higher minReplicas scales its target into range at the next sync (property seed 4242)', () => {
    const spec: EksSpec = {
      seed: 1,
      groups: [{ type: 0, size: 0, autoscaled: false }],
      fargate: false,
    };
    const deploy = (replicas: number): EksAction => ({
      kind: 'deploy',
      name: 0,
      replicas,
      cpu: 0,
      memMi: 0,
      image: 0,
      surge: 0,
      unavailable: 0,
      ns: false,
    });
    const s = playEks(spec, [
      { kind: 'hpa', name: 0, min: 1, max: 3, target: 20 },
      deploy(0),
      { kind: 'wait', seconds: 491 },
      deploy(1),
      { kind: 'hpa', name: 0, min: 2, max: 3, target: 20 },
      { kind: 'wait', seconds: 30 },
    ]);
    const hpa = s.hpas['default/web'];
    expect(hpa?.status.desiredReplicas).toBe(2);
    expect(s.deployments['default/web']?.spec.replicas).toBe(2);
  });

  it('a running pod marked not ready while its node was NotReady becomes ready again once the node is back (property seed 2718)', () => {
    const spec: EksSpec = {
      seed: 1,
      groups: [{ type: 0, size: 1, autoscaled: false }],
      fargate: false,
    };
    const web: EksAction = {
      kind: 'deploy',
      name: 0,
      replicas: 2,
      cpu: 0,
      memMi: 0,
      image: 0,
      surge: 0,
      unavailable: 0,
      ns: false,
    };
    const s = advanceK8s(
      healEks(
        playEks(spec, [
          web,
          { kind: 'wait', seconds: 3 },
          { kind: 'nodeNotReady', pick: 0 },
          { kind: 'wait', seconds: 36 },
        ]),
      ),
      CONVERGE_WITHIN_MS,
    );
    const d = s.deployments['default/web'];
    expect(d?.status.availableReplicas).toBe(2);
    expect(Object.values(s.pods).every((p) => p.containerStatuses.every((c) => c.ready))).toBe(
      true,
    );
  });
});

/**
 * Services and the HPA under load (the load generator aimed at EKS Services, metrics-server, HPA):
 * a healthy Deployment behind a Service, a random load and a random HPA. Every 15 s for 15
 * simulated minutes: the invariants hold, every request is either served or an error, and the HPA
 * keeps the Deployment within [minReplicas, maxReplicas] once it has synced.
 */
describe('EKS Services and HPA under load (random play)', () => {
  it(
    'requests are conserved, latency finite, HPA within min/max, invariants after every step',
    () => {
      fc.assert(
        fc.property(
          fc.record({
            seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
            replicas: fc.integer({ min: 1, max: 4 }),
            cpu: fc.constantFrom(100, 250, 500),
            lb: fc.boolean(),
            rps: fc.constantFrom(10, 100, 400, 1500),
            spike: fc.boolean(),
            min: fc.integer({ min: 1, max: 3 }),
            span: fc.integer({ min: 0, max: 5 }),
            target: fc.constantFrom(30, 50, 80),
          }),
          (p) => {
            let s = buildEksCluster({
              seed: p.seed,
              groups: [{ type: 2, size: 3, autoscaled: true }],
              fargate: false,
            });
            const obs = newEksObserver();
            const steps: EksAction[] = [
              {
                kind: 'deploy',
                name: 0,
                replicas: p.replicas,
                cpu: p.cpu,
                memMi: 64,
                image: 0,
                surge: 1,
                unavailable: 0,
                ns: false,
              },
              { kind: 'wait', seconds: 90 },
              { kind: 'service', name: 0, lb: p.lb },
              { kind: 'serviceLoad', name: 0, rps: p.rps, spike: p.spike },
              { kind: 'hpa', name: 0, min: p.min, max: p.min + p.span, target: p.target },
            ];
            for (const a of steps) {
              s = eksStep(s, a);
              checkEksInvariants(s, obs);
            }
            let served = 0;
            for (let t = 0; t < 60; t++) {
              s = advanceK8s(s, 15_000);
              checkEksInvariants(s, obs);
              for (const tr of Object.values(s.serviceTraffic ?? {})) {
                expect(tr.servedRps + tr.errorRps).toBeCloseTo(tr.offeredRps, 6);
                expect(Number.isFinite(tr.latencyMs) && tr.latencyMs >= 0).toBe(true);
                served += tr.servedRps;
              }
              const hpa = Object.values(s.hpas)[0];
              const dep = s.deployments['default/web'];
              if (hpa && dep && t > 4) {
                expect(dep.spec.replicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
                expect(dep.spec.replicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
              }
            }
            // The healthy Deployment serves (the load balancer, if any, is up within the run).
            expect(served).toBeGreaterThan(0);
          },
        ),
        params(9_104, 12),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
