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
