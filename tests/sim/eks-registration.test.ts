/**
 * The EKS simulation is registered, not imported, by the ECS core (src/sim/eks.ts: the page loads
 * it lazily, issue 8). Without it, a state that has an EKS cluster must not step and an EKS
 * command must not apply — loudly, never by skipping EKS; an ECS-only cluster runs as before.
 * (The vitest setup registers it for every other test, as the CLI does.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { advance, applyCommand, createSimulation, type SimState } from '../../src/sim/index.ts';
import {
  eksSimulationLoaded,
  registerEksSimulation,
  type EksSimulation,
} from '../../src/sim/eks.ts';

const NOT_LOADED = /EKS simulation is not loaded/;

function must(s: SimState, c: Parameters<typeof applyCommand>[1]): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(r.error);
  return r.state;
}

describe('EKS simulation registration', () => {
  let saved: EksSimulation | undefined;
  afterEach(() => {
    if (saved) registerEksSimulation(saved);
    saved = undefined;
  });

  it('is registered by the test setup and runs an EKS cluster', () => {
    expect(eksSimulationLoaded()).toBe(true);
    let s = must(createSimulation({ seed: 5 }), { type: 'CREATE_EKS_CLUSTER' });
    s = advance(s, 30_000);
    expect(Object.keys(s.eks!.nodes).length).toBe(3);
  });

  it('without it, stepping or changing an EKS cluster throws; ECS alone still runs', () => {
    const ecs = createSimulation({ seed: 5 });
    const withEks = advance(must(ecs, { type: 'CREATE_EKS_CLUSTER' }), 5_000);
    saved = registerEksSimulation(undefined);
    expect(saved).toBeDefined();
    expect(eksSimulationLoaded()).toBe(false);

    expect(() => applyCommand(ecs, { type: 'CREATE_EKS_CLUSTER' })).toThrow(NOT_LOADED);
    expect(() => advance(withEks, 1_000)).toThrow(NOT_LOADED);
    expect(() =>
      applyCommand(withEks, {
        type: 'EKS_COMMAND',
        command: { type: 'SCALE', name: 'web', replicas: 1 },
      }),
    ).toThrow(NOT_LOADED);
    // An AZ fault of the shared region must reach the EKS cluster too, so it cannot skip it.
    expect(() =>
      applyCommand(withEks, { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1a' }),
    ).toThrow(NOT_LOADED);

    // An ECS-only cluster needs none of it.
    const later = advance(ecs, 60_000);
    expect(later.now).toBe(ecs.now + 60_000);
    expect(
      must(ecs, { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1a' }).downAvailabilityZones,
    ).toContain('us-east-1a');
  });
});
