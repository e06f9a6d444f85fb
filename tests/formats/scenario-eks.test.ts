import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/formats/scenario.ts';
import { kubectlToCommand } from '../../src/formats/scenario-eks-actions.ts';
import { runScenario } from '../../src/machine/scenario/runner.ts';
import { advance, applyCommand, createDefaultCluster, STEP_MS } from '../../src/sim/index.ts';

const scenario = (steps: string) => `version: 1
id: eks-test
title: t
summary: s
guideSection: g
seed: 3
initial: { cluster: default }
steps:
${steps}`;

const DEPLOYMENT = `          apiVersion: apps/v1
          kind: Deployment
          metadata: { name: web }
          spec:
            replicas: 2
            selector: { matchLabels: { app: web } }
            template:
              metadata: { labels: { app: web } }
              spec:
                containers: [{ name: web, image: nginx:1.27 }]
`;

describe('EKS in SimState (CREATE_EKS_CLUSTER, EKS_COMMAND, same clock)', () => {
  it('creates the default EKS cluster and advances it with the ECS clock', () => {
    const s0 = createDefaultCluster(1);
    const r = applyCommand(s0, { type: 'CREATE_EKS_CLUSTER' });
    expect(r.error).toBeUndefined();
    const eks = r.state.eks!;
    expect(Object.keys(eks.nodes)).toHaveLength(3);
    expect(eks.fargateProfiles['fp-serverless']?.selectors).toEqual([{ namespace: 'serverless' }]);
    expect(r.state.version).toBe(s0.version + 1);
    const later = advance(r.state, 10 * STEP_MS);
    expect(later.eks!.now - eks.now).toBe(later.now - r.state.now);
    expect(applyCommand(r.state, { type: 'CREATE_EKS_CLUSTER' }).error).toBe(
      'ResourceInUseException: Cluster already exists with name: playground-eks',
    );
  });

  it('refuses EKS commands without a cluster, keeping the state', () => {
    const s0 = createDefaultCluster(1);
    const r = applyCommand(s0, {
      type: 'EKS_COMMAND',
      command: { type: 'SCALE', name: 'web', replicas: 2 },
    });
    expect(r.state).toBe(s0);
    expect(r.error).toMatch(/^ResourceNotFoundException/);
  });
});

describe('kubectl lines in scenarios', () => {
  it('turns state-changing kubectl lines into the API calls kubectl makes', () => {
    expect(kubectlToCommand('kubectl scale deploy/web --replicas=5 -n shop')).toEqual({
      ok: true,
      command: {
        type: 'EKS_COMMAND',
        command: { type: 'SCALE', name: 'web', namespace: 'shop', replicas: 5, kind: 'Deployment' },
      },
    });
    expect(kubectlToCommand('kubectl delete pod web-1')).toMatchObject({
      ok: true,
      command: { command: { type: 'DELETE', kind: 'Pod', name: 'web-1', namespace: 'default' } },
    });
    expect(kubectlToCommand('kubectl rollout undo deployment/web --to-revision=2')).toMatchObject({
      ok: true,
      command: { command: { type: 'ROLLOUT_UNDO', name: 'web', toRevision: 2 } },
    });
    expect(kubectlToCommand('kubectl get pods')).toMatchObject({ ok: false });
    expect(kubectlToCommand('kubectl scale deploy/web')).toMatchObject({ ok: false });
  });
});

describe('EKS scenario actions and expectations', () => {
  it('applies an inline manifest and checks pods and the deployment', () => {
    const loaded = loadScenario(
      scenario(`  - title: apply
    narration: n
    actions:
      - type: CREATE_EKS_CLUSTER
      - type: APPLY_MANIFEST
        manifest: |
${DEPLOYMENT}      - type: ADVANCE_UNTIL
        condition: { deployment: web, availableReplicas: 2 }
        timeoutSeconds: 120
    expect:
      - pods: { deployment: web, status: Running }
        count: 2
      - pods: { deployment: web, status: CrashLoopBackOff }
        count: 0
`),
      'eks.yaml',
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const run = runScenario(loaded.scenario);
    expect(run.summary).toMatchObject({ ok: true, expectations: 2, passed: 2 });
  });

  it('an expectation that does not hold fails with the actual pods', () => {
    const loaded = loadScenario(
      scenario(`  - title: none
    narration: n
    actions:
      - type: CREATE_EKS_CLUSTER
    expect:
      - pods: { status: Running }
      - deployment: web
        replicas: 1
`),
      'eks.yaml',
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const [a, b] = runScenario(loaded.scenario).steps[0]!.expectations;
    expect(a).toMatchObject({ ok: false, actual: '0 matching; all pods: none' });
    expect(b).toMatchObject({ ok: false, actual: 'no such deployment' });
  });

  it('a manifest the API server refuses fails the step with the file line of the problem', () => {
    const text = scenario(`  - title: bad
    narration: n
    actions:
      - type: CREATE_EKS_CLUSTER
      - type: APPLY_MANIFEST
        manifest: |
${DEPLOYMENT.replace('app: web } }\n', 'app: other } }\n')}`);
    const loaded = loadScenario(text, 'eks.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const step = runScenario(loaded.scenario).steps[0]!;
    expect(step.ok).toBe(false);
    // The API server names spec.template.metadata.labels: the template's labels line.
    const line =
      text.split('\n').findIndex((l) => l.includes('metadata: { labels: { app: web')) + 1;
    expect(step.error).toContain(`error validating "eks.yaml" (line ${line}, column`);
    expect(step.error).toContain('`selector` does not match template `labels`');
  });

  it('the loader reports unknown fields of EKS actions with their position', () => {
    const loaded = loadScenario(
      scenario(`  - title: t
    narration: n
    actions:
      - type: KUBECTL
        lin: kubectl get pods
`),
      'eks.yaml',
    );
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.errors.map((e) => e.line)).toContain(13);
  });
});
