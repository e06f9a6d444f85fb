import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { STEP_MS, createDefaultCluster } from '../../src/sim/index.ts';
import {
  MAX_HISTORY,
  MAX_TRANSCRIPT_ENTRIES,
  MAX_WALL_MS_PER_TICK,
  clusterMachine,
  type ClusterEvent,
} from '../../src/machine/index.ts';
import { EKS_RUNTIME } from '../../src/machine/eks.ts';
import type { K8sCommand } from '../../src/sim/k8s/index.ts';

const nginx = readFileSync(new URL('../fixtures/manifests/nginx.yaml', import.meta.url), 'utf8');

function start() {
  const actor = createActor(clusterMachine, {
    input: { sim: createDefaultCluster(1), eks: EKS_RUNTIME },
  });
  actor.start();
  return actor;
}

function runFor(actor: ReturnType<typeof start>, seconds: number): void {
  actor.send({ type: 'SET_SPEED', speed: 64 });
  const ticks = Math.ceil((seconds * 1000) / (MAX_WALL_MS_PER_TICK * 64));
  for (let i = 0; i < ticks; i++) actor.send({ type: 'TICK', wallMs: MAX_WALL_MS_PER_TICK });
}

describe('cluster machine: EKS', () => {
  it('refuses TERMINAL until the terminal runtime is handed over, then works', () => {
    const actor = createActor(clusterMachine, { input: { sim: createDefaultCluster(1) } });
    actor.start();
    actor.send({ type: 'CREATE_EKS' });
    expect(actor.getSnapshot().context.view).toBe('EKS');
    actor.send({ type: 'TERMINAL', line: 'kubectl get nodes' });
    expect(actor.getSnapshot().context.terminal.transcript).toEqual([]);
    expect(actor.getSnapshot().context.lastError).toMatch(/still loading/);
    actor.send({ type: 'EKS_RUNTIME', runtime: EKS_RUNTIME });
    actor.send({ type: 'TERMINAL', line: 'kubectl get nodes' });
    expect(actor.getSnapshot().context.terminal.transcript[0]!.output).toHaveLength(4);
  });

  it('CREATE_EKS is an undoable command; a second cluster is refused', () => {
    const actor = start();
    actor.send({ type: 'CREATE_EKS' });
    expect(actor.getSnapshot().context.commandLog.map((e) => e.command.type)).toEqual([
      'CREATE_EKS_CLUSTER',
    ]);
    actor.send({ type: 'CREATE_EKS' });
    expect(actor.getSnapshot().context.lastError).toBe(
      'ResourceInUseException: Cluster already exists with name: playground-eks',
    );
    actor.send({ type: 'UNDO' });
    expect(actor.getSnapshot().context.sim.eks).toBeUndefined();
  });

  it('starts in ECS view without an EKS cluster; CREATE_EKS creates one and shows it', () => {
    const actor = start();
    expect(actor.getSnapshot().context.view).toBe('ECS');
    expect(actor.getSnapshot().context.sim.eks).toBeUndefined();
    actor.send({ type: 'CREATE_EKS' });
    const { sim, view } = actor.getSnapshot().context;
    const k8s = sim.eks;
    expect(view).toBe('EKS');
    expect(Object.keys(k8s!.nodes)).toHaveLength(3);
    expect(new Set(Object.values(k8s!.nodes).map((n) => n.zone)).size).toBe(3);
    expect(Object.keys(k8s!.fargateProfiles)).toEqual(['fp-serverless']);
    actor.send({ type: 'SET_VIEW', view: 'SIDE_BY_SIDE' });
    expect(actor.getSnapshot().context.view).toBe('SIDE_BY_SIDE');
  });

  it('advances the EKS cluster on the same simulated clock as the ECS one', () => {
    const actor = start();
    actor.send({ type: 'CREATE_EKS' });
    const ecs0 = actor.getSnapshot().context.sim.now;
    const k0 = actor.getSnapshot().context.sim.eks!.now;
    runFor(actor, 30);
    const c = actor.getSnapshot().context;
    expect(c.sim.now - ecs0).toBeGreaterThanOrEqual(30 * STEP_MS);
    expect(c.sim.eks!.now - k0).toBe(c.sim.now - ecs0);
    actor.send({ type: 'PAUSE' });
    actor.send({ type: 'STEP' });
    const d = actor.getSnapshot().context;
    expect(d.sim.eks!.now - c.sim.eks!.now).toBe(STEP_MS);
    expect(d.sim.now - c.sim.now).toBe(STEP_MS);
  });

  it('TERMINAL runs kubectl: apply -f, pods schedule and run, get shows them', () => {
    const actor = start();
    actor.send({ type: 'CREATE_EKS' });
    actor.send({
      type: 'TERMINAL',
      line: 'kubectl apply -f nginx.yaml',
      files: { 'nginx.yaml': nginx },
    });
    runFor(actor, 60);
    actor.send({ type: 'TERMINAL', line: 'kubectl get pods' });
    const c = actor.getSnapshot().context;
    const pods = Object.values(c.sim.eks!.pods);
    expect(pods.filter((p) => p.phase === 'Running')).toHaveLength(3);
    expect(c.terminal.transcript.map((e) => e.line)).toEqual([
      'kubectl apply -f nginx.yaml',
      'kubectl get pods',
    ]);
    const out = c.terminal.transcript[1]!.output;
    expect(out[0]!.split(/\s{2,}/)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(
      out
        .slice(1)
        .map((l) => l.split(/\s+/)[0])
        .sort(),
    ).toEqual(pods.map((p) => p.meta.name).sort());
    expect(out.slice(1).every((l) => l.split(/\s+/)[2] === 'Running')).toBe(true);
  });

  it('keeps history without blanks or immediate repeats; clear empties the transcript only', () => {
    const actor = start();
    for (const line of ['kubectl get nodes', 'kubectl get nodes', '', 'foo', 'clear'])
      actor.send({ type: 'TERMINAL', line });
    const t = actor.getSnapshot().context.terminal;
    expect(t.history).toEqual(['kubectl get nodes', 'foo', 'clear']);
    expect(t.transcript).toEqual([]);
    actor.send({ type: 'TERMINAL', line: 'foo' });
    expect(actor.getSnapshot().context.terminal.transcript).toEqual([
      { seq: 5, line: 'foo', output: ['bash: foo: command not found'], exitCode: 127 },
    ]);
  });

  it('bounds the transcript and the history', () => {
    const actor = start();
    for (let i = 0; i < MAX_HISTORY + 10; i++) actor.send({ type: 'TERMINAL', line: `x${i}` });
    const t = actor.getSnapshot().context.terminal;
    expect(t.transcript).toHaveLength(MAX_TRANSCRIPT_ENTRIES);
    expect(t.transcript[0]!.line).toBe(`x${MAX_HISTORY + 10 - MAX_TRANSCRIPT_ENTRIES}`);
    expect(t.history).toHaveLength(MAX_HISTORY);
    expect(t.history[MAX_HISTORY - 1]).toBe(`x${MAX_HISTORY + 9}`);
  });

  it('EKS_COMMAND applies faults; refusals report the error and keep the state', () => {
    const actor = start();
    const fault = (command: K8sCommand) =>
      actor.send({ type: 'COMMAND', command: { type: 'EKS_COMMAND', command } });
    fault({ type: 'NODE_NOT_READY', name: 'x' });
    expect(actor.getSnapshot().context.lastError).toMatch(/No cluster found/);
    actor.send({ type: 'CREATE_EKS' });
    const before = actor.getSnapshot().context.sim;
    fault({ type: 'NODE_NOT_READY', name: 'nope' });
    expect(actor.getSnapshot().context.lastError).toBeDefined();
    expect(actor.getSnapshot().context.sim).toBe(before);
    fault({ type: 'AZ_OUTAGE', zone: 'us-east-1a' });
    const k = actor.getSnapshot().context.sim.eks!;
    expect(k.controlPlane.etcd.filter((e) => e.healthy)).toHaveLength(2);
  });

  it('is deterministic: the same events give deep-equal EKS states', () => {
    const events: ClusterEvent[] = [
      { type: 'CREATE_EKS' },
      { type: 'TERMINAL', line: 'kubectl apply -f n.yaml', files: { 'n.yaml': nginx } },
      ...Array.from({ length: 40 }, () => ({ type: 'TICK', wallMs: 250 }) as const),
      { type: 'TERMINAL', line: 'kubectl scale deploy nginx-deployment --replicas=5' },
      ...Array.from({ length: 40 }, () => ({ type: 'TICK', wallMs: 250 }) as const),
    ];
    const run = () => {
      const a = start();
      a.send({ type: 'SET_SPEED', speed: 16 });
      for (const e of events) a.send(e);
      return a.getSnapshot().context;
    };
    const [a, b] = [run(), run()];
    expect(a.sim).toEqual(b.sim);
    expect(a.terminal).toEqual(b.terminal);
    expect(Object.keys(a.sim.eks!.pods).length).toBeGreaterThan(0);
    expect(a.terminal.transcript[1]!.output).toEqual(['deployment.apps/nginx-deployment scaled']);
  });
});
