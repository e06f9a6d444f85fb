import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  advance,
  applyCommand,
  createDefaultCluster,
  type SimCommand,
  type SimState,
} from '../../src/sim/index.ts';
import { parseManifests } from '../../src/formats/manifest.ts';
import {
  eventFilterOptions,
  eventLogRows,
  eventLogSource,
  eventLogView,
} from '../../src/ui/event-log-rows.ts';

const nginx = readFileSync(new URL('../fixtures/manifests/nginx.yaml', import.meta.url), 'utf8');

function apply(sim: SimState, command: SimCommand): SimState {
  const r = applyCommand(sim, command);
  expect(r.error).toBeUndefined();
  return r.state;
}

/**
 * The default ECS cluster run for a minute, then an EKS cluster with the nginx Deployment whose
 * image crashes (BackOff warnings), run for two more minutes: both clusters have events.
 */
function bothClusters(): { sim: SimState; createdAt: number } {
  let sim = advance(createDefaultCluster(3), 60_000);
  const createdAt = sim.now;
  sim = apply(sim, { type: 'CREATE_EKS_CLUSTER' });
  sim = apply(sim, {
    type: 'EKS_COMMAND',
    command: {
      type: 'SET_IMAGE_BEHAVIOUR',
      image: 'public.ecr.aws/nginx/nginx:1.25',
      crashAfterSeconds: 5,
      exitCode: 1,
    },
  });
  const { objects, diagnostics } = parseManifests(nginx, 'nginx.yaml');
  expect(diagnostics).toEqual([]);
  sim = apply(sim, { type: 'EKS_COMMAND', command: { type: 'APPLY', objects } });
  return { sim: advance(sim, 120_000), createdAt };
}

describe('event log rows follow the canvas view (src/ui/event-log-rows.ts)', () => {
  const { sim, createdAt } = bothClusters();
  const eks = sim.eks!;
  const source = eventLogSource(sim);

  it('ECS view: the ECS events, newest first, and no Kubernetes event', () => {
    const rows = eventLogRows(source, 'ECS', '');
    expect(rows.map((r) => r.key)).toEqual(sim.events.map((e) => String(e.id)).reverse());
    expect(rows.every((r) => r.cluster === 'ECS')).toBe(true);
  });

  it("EKS view: the EKS cluster's Kubernetes events as kubectl get events words them", () => {
    const rows = eventLogRows(source, 'EKS', '');
    expect(rows).toHaveLength(eks.events.length);
    expect(rows.every((r) => r.cluster === 'EKS')).toBe(true);
    const reasons = new Set(rows.map((r) => r.reason));
    for (const reason of ['ScalingReplicaSet', 'SuccessfulCreate', 'Scheduled', 'Started']) {
      expect(reasons, reason).toContain(reason);
    }
    // The crashing image: a Warning BackOff on a pod, aggregated, shown as important.
    const backOff = rows.find((r) => r.reason === 'BackOff');
    expect(backOff).toMatchObject({ kind: 'Warning', important: true });
    expect(backOff!.object).toMatch(/^pod\/nginx-deployment-[a-z0-9]+-[a-z0-9]{5}$/);
    const recorded = eks.events.find((e) => `eks-${e.id}` === backOff!.key)!;
    expect(backOff!.message).toBe(recorded.message);
    expect(backOff!.count).toBe(recorded.count);
    expect(backOff!.message).toMatch(/^Back-off restarting failed container/);
    const scaled = rows.find((r) => r.reason === 'ScalingReplicaSet')!;
    expect(scaled).toMatchObject({
      kind: 'Normal',
      object: 'deployment/nginx-deployment',
      important: false,
    });
    // Newest first by last seen, on the ECS clock (the EKS cluster's clock starts at its creation).
    const at = rows.map((r) => r.at);
    expect([...at].sort((a, b) => b - a)).toEqual(at);
    expect(createdAt).toBeGreaterThan(0);
    expect(Math.min(...at)).toBeGreaterThanOrEqual(createdAt);
    expect(Math.max(...at)).toBeLessThanOrEqual(sim.now);
    const lastSeen = Math.max(...eks.events.map((e) => e.lastTimestamp));
    expect(at[0]).toBe(lastSeen + createdAt);
  });

  it('Side by side: both, merged newest first, each labelled with its cluster', () => {
    const rows = eventLogRows(source, 'SIDE_BY_SIDE', '', 10_000);
    expect(rows.filter((r) => r.cluster === 'ECS')).toHaveLength(sim.events.length);
    expect(rows.filter((r) => r.cluster === 'EKS')).toHaveLength(eks.events.length);
    const at = rows.map((r) => r.at);
    expect([...at].sort((a, b) => b - a)).toEqual(at);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    // The default limit caps the list.
    expect(eventLogRows(source, 'SIDE_BY_SIDE', '', 5)).toEqual(rows.slice(0, 5));
  });

  it('filters by what the view offers; a filter the view does not offer shows everything', () => {
    expect(eventFilterOptions('ECS').map((o) => o.value)).toContain('ecs:task');
    expect(eventFilterOptions('EKS').map((o) => o.value)).toEqual([
      '',
      'eks:Normal',
      'eks:Warning',
    ]);
    const warnings = eventLogRows(source, 'EKS', 'eks:Warning');
    expect(warnings.length).toBe(eks.events.filter((e) => e.type === 'Warning').length);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((r) => r.kind === 'Warning')).toBe(true);
    const onlyEks = eventLogRows(source, 'SIDE_BY_SIDE', 'cluster:EKS');
    expect(onlyEks.every((r) => r.cluster === 'EKS')).toBe(true);
    const ecsTasks = eventLogRows(source, 'SIDE_BY_SIDE', 'ecs:service');
    expect(ecsTasks.length).toBeGreaterThan(0);
    expect(ecsTasks.every((r) => r.cluster === 'ECS' && r.kind === 'service')).toBe(true);
    // An ECS kind chosen before switching to EKS does not empty the EKS list.
    expect(eventLogRows(source, 'EKS', 'ecs:service')).toHaveLength(eks.events.length);
  });

  it('without an EKS cluster every view lists the ECS events', () => {
    const plain = advance(createDefaultCluster(3), 60_000);
    expect(eventLogView('EKS', plain)).toBe('ECS');
    expect(eventLogRows(eventLogSource(plain), 'EKS', '')).toEqual(
      eventLogRows(eventLogSource(plain), 'ECS', ''),
    );
    expect(eventLogRows(eventLogSource(plain), 'EKS', '').length).toBeGreaterThan(0);
  });
});
