/**
 * Issue 6: kubectl (and aws) commands typed in the terminal are user actions like any other — in
 * the command log, undone with UNDO (Ctrl+Z), redone with REDO, and replayed exactly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createDefaultCluster, type SimState } from '../../src/sim/index.ts';
import { MAX_WALL_MS_PER_TICK, clusterMachine } from '../../src/machine/index.ts';
import { EKS_RUNTIME } from '../../src/machine/eks.ts';
import { replayCommands } from '../../src/machine/replay.ts';

const nginx = readFileSync(new URL('../fixtures/manifests/nginx.yaml', import.meta.url), 'utf8');
const files = { 'nginx.yaml': nginx };

function start() {
  const actor = createActor(clusterMachine, {
    input: { sim: createDefaultCluster(1), eks: EKS_RUNTIME },
  });
  actor.start();
  actor.send({ type: 'CREATE_EKS' });
  return actor;
}

type Actor = ReturnType<typeof start>;

function runFor(actor: Actor, seconds: number): void {
  actor.send({ type: 'SET_SPEED', speed: 64 });
  const ticks = Math.ceil((seconds * 1000) / (MAX_WALL_MS_PER_TICK * 64));
  for (let i = 0; i < ticks; i++) actor.send({ type: 'TICK', wallMs: MAX_WALL_MS_PER_TICK });
}

/** The state minus `version`, which only counts change batches (see replayCommands). */
const comparable = (s: SimState) => ({ ...s, version: 0, eks: s.eks && { ...s.eks, version: 0 } });

const ctx = (a: Actor) => a.getSnapshot().context;
const replicas = (a: Actor) =>
  ctx(a).sim.eks?.deployments['default/nginx-deployment']?.spec.replicas;

describe('undo of typed commands', () => {
  it('kubectl apply -f is logged per accepted object and undone as one action', () => {
    const a = start();
    const before = ctx(a).sim;
    a.send({ type: 'TERMINAL', line: 'kubectl apply -f nginx.yaml', files });
    const log = ctx(a).commandLog;
    expect(log.map((e) => e.command.type)).toEqual([
      'CREATE_EKS_CLUSTER',
      'EKS_COMMAND',
      'EKS_COMMAND',
      'EKS_COMMAND',
    ]);
    expect(log.slice(2).every((e) => e.joined === true)).toBe(true);
    expect(Object.keys(ctx(a).sim.eks!.deployments)).toEqual(['default/nginx-deployment']);
    a.send({ type: 'UNDO' });
    expect(ctx(a).sim.eks!.deployments).toEqual({});
    expect(comparable(ctx(a).sim)).toEqual(comparable(before));
    a.send({ type: 'REDO' });
    expect(replicas(a)).toBe(3);
  });

  it('scale, delete and rollout undo are undone with UNDO, back to the exact earlier state', () => {
    const a = start();
    a.send({ type: 'TERMINAL', line: 'kubectl apply -f nginx.yaml', files });
    runFor(a, 60);
    const beforeScale = ctx(a).sim;
    a.send({ type: 'TERMINAL', line: 'kubectl scale deployment/nginx-deployment --replicas=5' });
    expect(replicas(a)).toBe(5);
    runFor(a, 20);
    a.send({ type: 'UNDO' });
    expect(replicas(a)).toBe(3);
    expect(comparable(ctx(a).sim)).toEqual(comparable(beforeScale));

    a.send({ type: 'TERMINAL', line: 'kubectl delete svc nginx-service' });
    expect(ctx(a).sim.eks!.services['default/nginx-service']).toBeUndefined();
    a.send({ type: 'UNDO' });
    expect(ctx(a).sim.eks!.services['default/nginx-service']).toBeDefined();

    // A new revision, then `rollout undo` back to the first: undone, the new template is back.
    const edited = nginx.replace('nginx:1.25', 'nginx:1.27');
    a.send({ type: 'TERMINAL', line: 'kubectl apply -f v2.yaml', files: { 'v2.yaml': edited } });
    runFor(a, 30);
    const image = () =>
      ctx(a).sim.eks!.deployments['default/nginx-deployment']!.spec.template.spec.containers[0]!
        .image;
    expect(image()).toBe('public.ecr.aws/nginx/nginx:1.27');
    a.send({ type: 'TERMINAL', line: 'kubectl rollout undo deployment/nginx-deployment' });
    expect(image()).toBe('public.ecr.aws/nginx/nginx:1.25');
    a.send({ type: 'UNDO' });
    expect(image()).toBe('public.ecr.aws/nginx/nginx:1.27');
  });

  it('read-only lines and refused commands are not logged', () => {
    const a = start();
    const n = ctx(a).commandLog.length;
    a.send({ type: 'TERMINAL', line: 'kubectl get pods' });
    a.send({ type: 'TERMINAL', line: 'kubectl scale deployment/nope --replicas=2' });
    a.send({ type: 'TERMINAL', line: 'kubectl apply -f missing.yaml' });
    expect(ctx(a).commandLog).toHaveLength(n);
  });

  it('the command log replays to the live state (typed kubectl and aws lines included)', () => {
    const a = start();
    a.send({ type: 'TERMINAL', line: 'kubectl apply -f nginx.yaml', files });
    runFor(a, 45);
    a.send({ type: 'TERMINAL', line: 'kubectl scale deploy/nginx-deployment --replicas=4' });
    a.send({ type: 'TERMINAL', line: 'aws ecr create-repository --repository-name web' });
    runFor(a, 30);
    const c = ctx(a);
    expect(c.commandLog.map((e) => e.command.type)).toContain('CREATE_REPOSITORY');
    const replayed = replayCommands(c.initial, c.commandLog, c.sim.now);
    expect(comparable(replayed)).toEqual(comparable(c.sim));
  });
});

describe('typed EKS commands in saved / exported experiments', () => {
  it('export → import as a scenario gives back the same cluster (kubectl, load, node and AZ faults)', async () => {
    const {
      experimentStart,
      experimentToScenarioYaml,
      scenarioToExperiment,
      experimentState,
      DEFAULT_INITIAL,
    } = await import('../../src/machine/index.ts');
    const { loadScenario } = await import('../../src/formats/scenario.ts');
    const seed = 5;
    const a = createActor(clusterMachine, {
      input: { sim: experimentStart({ initial: DEFAULT_INITIAL, seed }), eks: EKS_RUNTIME },
    });
    a.start();
    a.send({ type: 'CREATE_EKS' });
    a.send({ type: 'TERMINAL', line: 'kubectl apply -f nginx.yaml', files });
    runFor(a, 60);
    a.send({ type: 'TERMINAL', line: 'kubectl scale deploy/nginx-deployment --replicas=5' });
    runFor(a, 30);
    a.send({
      type: 'COMMAND',
      command: {
        type: 'EKS_COMMAND',
        command: {
          type: 'SET_SERVICE_LOAD',
          service: 'nginx-service',
          load: { kind: 'constant', rps: 120 },
        },
      },
    });
    runFor(a, 40);
    const node = Object.keys(ctx(a).sim.eks!.nodes)[0]!;
    a.send({
      type: 'COMMAND',
      command: { type: 'EKS_COMMAND', command: { type: 'NODE_NOT_READY', name: node } },
    });
    a.send({ type: 'COMMAND', command: { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1b' } });
    runFor(a, 30);
    a.send({ type: 'TERMINAL', line: 'kubectl delete hpa nginx-deployment' });
    runFor(a, 10);
    const c = ctx(a);
    expect(c.lastError).toBeUndefined();
    expect(c.sim.eks!.hpas).toEqual({});
    const e = {
      name: 'eks session',
      seed,
      speed: 1,
      initial: DEFAULT_INITIAL,
      log: c.commandLog,
      untilMs: c.sim.now,
    };
    const yaml = experimentToScenarioYaml(e);
    expect(yaml).toContain('type: APPLY_MANIFEST');
    expect(yaml).toContain('kubectl scale deployment/nginx-deployment --replicas=5 -n default');
    expect(yaml).toContain('type: SET_SERVICE_LOAD');
    expect(yaml).toContain('type: EKS_NODE_NOT_READY');
    const loaded = loadScenario(yaml, 'eks-session.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const back = scenarioToExperiment(loaded.scenario, 1);
    expect(back.log.map((x) => x.command.type)).toEqual(c.commandLog.map((x) => x.command.type));
    expect(comparable(experimentState(back))).toEqual(comparable(c.sim));
  });
});
