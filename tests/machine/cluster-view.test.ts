import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  applyCommand,
  createDefaultCluster,
  createSimulation,
  type SimState,
} from '../../src/sim/index.ts';
import { clusterMachine } from '../../src/machine/index.ts';
import { nextView, viewsFor } from '../../src/machine/cluster-view.ts';

function withEksCluster(sim: SimState): SimState {
  const r = applyCommand(sim, { type: 'CREATE_EKS_CLUSTER' });
  expect(r.error).toBeUndefined();
  return r.state;
}

function start(sim: SimState) {
  const actor = createActor(clusterMachine, { input: { sim } });
  actor.start();
  actor.send({ type: 'PAUSE' });
  return actor;
}

describe('the canvas view follows an EKS cluster that appears (cluster-view.ts)', () => {
  it('a machine started with an EKS cluster (a scenario deep link at a later step) shows EKS', () => {
    expect(start(createDefaultCluster(1)).getSnapshot().context.view).toBe('ECS');
    expect(start(withEksCluster(createDefaultCluster(1))).getSnapshot().context.view).toBe('EKS');
  });

  it('LOADing a state with an EKS cluster (a scenario step, a save) switches ECS to EKS', () => {
    const plain = createDefaultCluster(2);
    const actor = start(plain);
    actor.send({ type: 'LOAD', sim: withEksCluster(plain) });
    expect(actor.getSnapshot().context.view).toBe('EKS');
    // Back to a state without one (a scenario's Back): the view stays, the canvas shows ECS anyway.
    actor.send({ type: 'LOAD', sim: plain });
    expect(actor.getSnapshot().context.view).toBe('EKS');
  });

  it("keeps the learner's choice while the EKS cluster stays", () => {
    const plain = createDefaultCluster(3);
    const eks = withEksCluster(plain);
    const actor = start(eks);
    actor.send({ type: 'SET_VIEW', view: 'ECS' });
    actor.send({ type: 'LOAD', sim: eks });
    expect(actor.getSnapshot().context.view).toBe('ECS');
    actor.send({ type: 'SET_VIEW', view: 'SIDE_BY_SIDE' });
    actor.send({ type: 'LOAD', sim: plain });
    actor.send({ type: 'LOAD', sim: eks });
    expect(actor.getSnapshot().context.view).toBe('SIDE_BY_SIDE');
  });

  it('a CREATE_EKS_CLUSTER command, and its redo, show the new cluster', () => {
    const actor = start(createDefaultCluster(4));
    actor.send({ type: 'COMMAND', command: { type: 'CREATE_EKS_CLUSTER' } });
    expect(actor.getSnapshot().context.sim.eks).toBeDefined();
    expect(actor.getSnapshot().context.view).toBe('EKS');
    actor.send({ type: 'UNDO' });
    expect(actor.getSnapshot().context.sim.eks).toBeUndefined();
    actor.send({ type: 'SET_VIEW', view: 'ECS' });
    actor.send({ type: 'REDO' });
    expect(actor.getSnapshot().context.sim.eks).toBeDefined();
    expect(actor.getSnapshot().context.view).toBe('EKS');
  });
});

describe('the next view (presenter mode V key; cluster-view.ts nextView)', () => {
  it('cycles ECS → EKS → Side by side → ECS when both clusters have something', () => {
    const both = withEksCluster(createDefaultCluster(5));
    expect(viewsFor(both)).toEqual(['ECS', 'EKS', 'SIDE_BY_SIDE']);
    expect(nextView('ECS', both)).toBe('EKS');
    expect(nextView('EKS', both)).toBe('SIDE_BY_SIDE');
    expect(nextView('SIDE_BY_SIDE', both)).toBe('ECS');
  });

  it('has nothing else to show without an EKS cluster, or with an empty ECS cluster', () => {
    const plain = createDefaultCluster(6);
    expect(viewsFor(plain)).toEqual(['ECS']);
    expect(nextView('ECS', plain)).toBeUndefined();
    // Every view shows ECS then: the view is kept (ecs-or-eks asks for side by side before
    // its EKS cluster exists, and should get it once it does).
    expect(nextView('EKS', plain)).toBeUndefined();
    expect(nextView('SIDE_BY_SIDE', plain)).toBeUndefined();
    const eksOnly = withEksCluster(createSimulation({ seed: 7 }));
    expect(viewsFor(eksOnly)).toEqual(['EKS']);
    expect(nextView('EKS', eksOnly)).toBeUndefined();
    expect(nextView('ECS', eksOnly)).toBe('EKS');
    expect(nextView('SIDE_BY_SIDE', eksOnly)).toBe('EKS');
  });
});
