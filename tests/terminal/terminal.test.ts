import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDefaultCluster } from '../../src/sim/index.ts';
import { advanceK8s, createK8sState } from '../../src/sim/k8s/index.ts';
import {
  ENGINES,
  NO_CLUSTER_MESSAGE,
  completeTerminalLine,
  runTerminalLine,
  tokenize,
  type TerminalEngine,
  type TerminalWorld,
} from '../../src/terminal/index.ts';

const nginx = readFileSync(new URL('../fixtures/manifests/nginx.yaml', import.meta.url), 'utf8');

function world(withK8s = true): TerminalWorld {
  const ecs = createDefaultCluster(1);
  return withK8s
    ? {
        ecs,
        k8s: createK8sState({
          seed: 3,
          nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', desiredSize: 2 }],
        }),
      }
    : { ecs };
}

describe('tokenize: shell quoting rules', () => {
  const words = (line: string) => {
    const t = tokenize(line);
    if (!t.ok) throw new Error(t.error);
    return t.words;
  };
  it('splits on blanks and drops empty input', () => {
    expect(words('  kubectl   get\tpods ')).toEqual(['kubectl', 'get', 'pods']);
    expect(words('')).toEqual([]);
    expect(words('   ')).toEqual([]);
  });
  it('keeps single-quoted text literally, backslashes included', () => {
    expect(words(`echo 'a b\\n "c"'`)).toEqual(['echo', 'a b\\n "c"']);
  });
  it('unescapes only $ ` " \\ inside double quotes', () => {
    expect(words('x "a \\"b\\" \\\\ \\n"')).toEqual(['x', 'a "b" \\ \\n']);
  });
  it('joins adjacent quoted and bare parts into one word; keeps empty quoted words', () => {
    expect(words(`--name="my app"'s'`)).toEqual(['--name=my apps']);
    expect(words(`a "" ''`)).toEqual(['a', '', '']);
  });
  it('escapes a blank outside quotes', () => {
    expect(words('apply -f my\\ file.yaml')).toEqual(['apply', '-f', 'my file.yaml']);
  });
  it('reports unterminated quotes as bash does', () => {
    expect(tokenize(`get 'pods`)).toEqual({
      ok: false,
      error: "bash: unexpected EOF while looking for matching `''",
    });
    expect(tokenize('get "pods')).toMatchObject({ ok: false });
  });
});

describe('dispatcher', () => {
  it('registers kubectl in the engine registry', () => {
    expect(ENGINES.map((e) => e.program)).toContain('kubectl');
  });

  it('answers an unknown program like bash, exit status 127', () => {
    const w = world();
    const r = runTerminalLine(w, 'helm install web ./chart');
    expect(r).toEqual({ world: w, lines: ['bash: helm: command not found'], exitCode: 127 });
  });

  it('does nothing on an empty line, clears on clear, lists engines on help', () => {
    const w = world();
    expect(runTerminalLine(w, '   ')).toEqual({ world: w, lines: [], exitCode: 0 });
    expect(runTerminalLine(w, 'clear')).toMatchObject({ clear: true, exitCode: 0, lines: [] });
    const help = runTerminalLine(w, 'help').lines;
    for (const e of ENGINES) expect(help).toContain(`  ${e.summary}`);
  });

  it('hands the unquoted words after the program to the engine', () => {
    const seen: string[][] = [];
    const echo: TerminalEngine = {
      program: 'echo',
      summary: 'echo',
      run: (w, argv) => {
        seen.push([...argv]);
        return { world: w, lines: [argv.join(' ')], exitCode: 0 };
      },
    };
    const r = runTerminalLine(world(), `echo "a  b" c\\ d`, {}, [echo]);
    expect(seen).toEqual([['a  b', 'c d']]);
    expect(r.lines).toEqual(['a  b c d']);
  });

  it('reports a tokenizer error without running anything', () => {
    const r = runTerminalLine(world(), `kubectl get 'pods`);
    expect(r.exitCode).toBe(2);
    expect(r.lines[0]).toMatch(/unexpected EOF/);
  });
});

describe('kubectl engine', () => {
  it('applies a pasted file, and the cluster then runs its pods', () => {
    const w = world();
    const r = runTerminalLine(w, 'kubectl apply -f nginx.yaml', { 'nginx.yaml': nginx });
    expect(r.exitCode).toBe(0);
    expect(r.lines).toEqual([
      'deployment.apps/nginx-deployment created',
      'service/nginx-service created',
      'horizontalpodautoscaler.autoscaling/nginx-deployment created',
    ]);
    expect(r.world.ecs).toBe(w.ecs);
    const k8s = advanceK8s(r.world.k8s!, 60_000);
    const get = runTerminalLine({ ...r.world, k8s }, 'kubectl get deploy');
    expect(get.lines[0]?.split(/\s{2,}/)).toEqual([
      'NAME',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'AGE',
    ]);
    expect(get.lines[1]?.split(/\s+/).slice(0, 4)).toEqual(['nginx-deployment', '3/3', '3', '3']);
  });

  it('keeps the world object when kubectl changed nothing', () => {
    const w = world();
    const r = runTerminalLine(w, 'kubectl get pods');
    expect(r.world).toBe(w);
    expect(r.lines).toEqual(['No resources found in default namespace.']);
  });

  it('passes quoted file names through intact', () => {
    const r = runTerminalLine(world(), `kubectl apply -f "my app.yaml"`, { 'my app.yaml': nginx });
    expect(r.exitCode).toBe(0);
  });

  it('refuses like kubectl with no cluster configured', () => {
    const r = runTerminalLine(world(false), 'kubectl get pods');
    expect(r).toMatchObject({ lines: [NO_CLUSTER_MESSAGE], exitCode: 1 });
  });

  it('returns kubectl exit code 1 and its wording on errors', () => {
    const r = runTerminalLine(world(), 'kubectl get deploy nope');
    expect(r).toMatchObject({
      exitCode: 1,
      lines: ['Error from server (NotFound): deployments.apps "nope" not found'],
    });
  });
});

describe('completion', () => {
  const applied = () => {
    const r = runTerminalLine(world(), 'kubectl apply -f n.yaml', { 'n.yaml': nginx });
    return { ...r.world, k8s: advanceK8s(r.world.k8s!, 30_000) };
  };

  it('completes program names and built-ins', () => {
    expect(completeTerminalLine(world(), 'kub')).toMatchObject({
      candidates: ['kubectl'],
      line: 'kubectl ',
    });
    expect(completeTerminalLine(world(), 'c').candidates).toEqual(['clear']);
  });

  it('completes verbs, then resource types, then names from the cluster', () => {
    const w = applied();
    expect(completeTerminalLine(w, 'kubectl ').candidates).toEqual([
      'apply',
      'cluster-info',
      'create',
      'delete',
      'describe',
      'get',
      'logs',
      'rollout',
      'scale',
      'top',
      'version',
    ]);
    expect(completeTerminalLine(w, 'kubectl ro').line).toBe('kubectl rollout ');
    expect(completeTerminalLine(w, 'kubectl get de').line).toBe('kubectl get deployments ');
    expect(completeTerminalLine(w, 'kubectl describe deploy ng')).toMatchObject({
      candidates: ['nginx-deployment'],
      line: 'kubectl describe deploy nginx-deployment ',
    });
    expect(completeTerminalLine(w, 'kubectl get svc ku').candidates).toEqual(['kubernetes']);
    const pods = Object.values(w.k8s.pods)
      .map((p) => p.meta.name)
      .sort();
    expect(completeTerminalLine(w, 'kubectl logs ').candidates).toEqual(pods);
    // Common prefix of all three pods' names: the pod-template-hash prefix.
    expect(completeTerminalLine(w, 'kubectl logs n').line.length).toBeGreaterThan(
      'kubectl logs n'.length,
    );
  });

  it('completes TYPE/NAME, rollout and flag values', () => {
    const w = applied();
    expect(completeTerminalLine(w, 'kubectl rollout status deploy/').candidates).toEqual([
      'deploy/nginx-deployment',
    ]);
    expect(completeTerminalLine(w, 'kubectl rollout u').line).toBe('kubectl rollout undo ');
    expect(completeTerminalLine(w, 'kubectl get pods -o w').line).toBe('kubectl get pods -o wide ');
    expect(completeTerminalLine(w, 'kubectl get pods -n kube-').candidates).toEqual([
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    expect(completeTerminalLine(w, 'kubectl get nodes ').candidates).toEqual(
      Object.keys(w.k8s.nodes).sort(),
    );
    // Names come from the namespace given with -n.
    expect(completeTerminalLine(w, 'kubectl get deploy -n kube-system ').candidates).toEqual([]);
  });

  it('offers nothing for unknown programs and leaves the line alone', () => {
    expect(completeTerminalLine(world(), 'helm ins')).toEqual({
      start: 5,
      candidates: [],
      line: 'helm ins',
    });
  });
});
