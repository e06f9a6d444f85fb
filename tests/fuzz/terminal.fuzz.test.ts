/**
 * Issue 9: fuzzing the terminal. Random command lines (built from kubectl's words, plain random
 * text, and real command lines after random edits), run in sequence against one world: the
 * dispatcher never throws, always answers with text lines and an integer exit code, Tab completion
 * never throws, and the ECS and EKS states still keep every invariant of tests/properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDefaultCluster } from '../../src/sim/index.ts';
import { createK8sState } from '../../src/sim/k8s/index.ts';
import {
  completeTerminalLine,
  runTerminalLine,
  type TerminalWorld,
} from '../../src/terminal/index.ts';
import { checkEcsInvariants, newObserver } from '../properties/ecs-model.ts';
import { checkEksInvariants, newEksObserver } from '../properties/eks-model.ts';
import { PROPERTY_TIMEOUT, fixtures, mutated, params } from './fuzz-helpers.ts';

const MANIFEST_FILES = Object.fromEntries([
  ...fixtures('tests/fixtures/manifests', '.yaml'),
  ...fixtures('tests/fixtures/task-definitions', '.json'),
]);

const REAL_LINES = [
  'kubectl get pods -o wide',
  'kubectl get deployments,replicasets -n default',
  'kubectl apply -f nginx.yaml',
  'kubectl delete -f nginx.yaml',
  'kubectl scale deployment nginx-deployment --replicas=5',
  'kubectl rollout status deployment/nginx-deployment',
  'kubectl rollout undo deployment/nginx-deployment --to-revision=1',
  'kubectl describe pod nginx-deployment-abc',
  'kubectl get nodes -l topology.kubernetes.io/zone=us-east-1a',
  'kubectl top pods --all-namespaces',
  'kubectl logs deploy/nginx-deployment -c nginx --tail=20',
  'kubectl get pod -o yaml',
  'kubectl get events --sort-by=.lastTimestamp',
  "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
  'kubectl apply -f invalid-fields.yaml',
  'aws ecs register-task-definition --cli-input-json file://fargate-nginx-guide.json',
  'aws ecs register-task-definition --cli-input-json file://invalid-many-problems.json',
  'aws ecs create-service --service-name web2 --task-definition web --desired-count 2 --launch-type FARGATE',
  'aws ecs update-service --service web --desired-count 5',
  'aws ecs run-task --task-definition api --count 3 --launch-type EC2',
  'aws ecs describe-services --services web api',
  'aws ecs list-tasks --service-name api',
  'aws ecr create-repository --repository-name demo',
  'aws ecr describe-images --repository-name demo',
  'help',
  'clear',
];

const WORDS = [
  'kubectl',
  'get',
  'describe',
  'apply',
  'delete',
  'scale',
  'rollout',
  'undo',
  'status',
  'history',
  'top',
  'logs',
  'pods',
  'pod',
  'po',
  'deployments',
  'deploy',
  'rs',
  'svc',
  'nodes',
  'hpa',
  'ns',
  'events',
  'all',
  '-f',
  'nginx.yaml',
  'invalid-selector.yaml',
  'missing.yaml',
  '-o',
  'wide',
  'yaml',
  'json',
  'name',
  '-n',
  'kube-system',
  '-A',
  '--all-namespaces',
  '--replicas=3',
  '--replicas=-1',
  '--replicas=1e9',
  '--replicas=',
  '-l',
  'app=nginx',
  'app!=',
  'nginx-deployment',
  'deployment/nginx-deployment',
  '--to-revision=0',
  '--to-revision=99',
  '-w',
  '--watch',
  '--help',
  '-h',
  'aws',
  'ecs',
  'ecr',
  'register-task-definition',
  '--cli-input-json',
  'file://fargate-nginx-guide.json',
  'file://missing.json',
  'create-service',
  'update-service',
  'run-task',
  'stop-task',
  '--task',
  'describe-services',
  'describe-tasks',
  'list-tasks',
  '--service-name',
  '--service',
  'web',
  'api',
  '--task-definition',
  'web:1',
  '--desired-count',
  '-3',
  '2',
  '--count',
  '11',
  '--launch-type',
  'FARGATE',
  'EC2',
  '--cluster',
  'default',
  '--output',
  '"',
  "'",
  '\\',
  '--',
  '=',
  '',
  '<img src=x onerror=alert(1)>',
  '${HOME}',
  '$(rm -rf /)',
  '`id`',
  ';',
  '|',
  '&&',
];

const lineArb = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' ')),
  fc.constantFrom(...REAL_LINES),
  mutated(REAL_LINES),
  fc.string({ maxLength: 80 }),
);

function world(seed: number): TerminalWorld {
  return {
    ecs: createDefaultCluster(seed),
    k8s: createK8sState({
      seed,
      nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', desiredSize: 2 }],
    }),
  };
}

describe('terminal fuzz', () => {
  it(
    'random command lines in sequence never throw and keep the cluster invariants',
    () => {
      const base = world(3);
      fc.assert(
        fc.property(fc.array(lineArb, { minLength: 1, maxLength: 12 }), (lines) => {
          let w = base;
          const obs = newEksObserver();
          const ecsObs = newObserver();
          for (const line of lines) {
            const r = runTerminalLine(w, line, MANIFEST_FILES);
            expect(Number.isInteger(r.exitCode)).toBe(true);
            for (const l of r.lines) expect(typeof l).toBe('string');
            // A failing command always says why.
            if (r.exitCode !== 0) expect(r.lines.join('').trim().length).toBeGreaterThan(0);
            const c = completeTerminalLine(w, line);
            expect(Array.isArray(c.candidates)).toBe(true);
            w = r.world;
            if (w.k8s) checkEksInvariants(w.k8s, obs);
            checkEcsInvariants(w.ecs, ecsObs);
          }
        }),
        params(9_301, 150),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
