/**
 * Issue 9: huge inputs are refused with a message, never a frozen tab or a stack overflow:
 * 10 MB files, 100k-level nesting, 100k scenario steps, a 10 MB command line or `-f` file.
 */
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH, checkInputLimits } from '../../src/formats/input-limits.ts';
import { parseManifests } from '../../src/formats/manifest.ts';
import { loadScenario } from '../../src/formats/scenario.ts';
import { parseTaskDefinition } from '../../src/formats/task-definition.ts';
import { createDefaultCluster } from '../../src/sim/index.ts';
import { createK8sState } from '../../src/sim/k8s/index.ts';
import { runTerminalLine } from '../../src/terminal/index.ts';
import { fixtures } from './fuzz-helpers.ts';

const TEN_MB = 10 * 1024 * 1024;
const [, NGINX_TD] = fixtures('tests/fixtures/task-definitions', '.json').find(
  ([f]) => f === 'fargate-nginx-guide.json',
) as [string, string];
const [, NGINX_YAML] = fixtures('tests/fixtures/manifests', '.yaml').find(
  ([f]) => f === 'nginx.yaml',
) as [string, string];
const [, SCENARIO] = fixtures('scenarios', '.yaml').find(([f]) => f === 'self-healing.yaml') as [
  string,
  string,
];

/** A 10 MB task definition: the real fixture with a huge environment list. */
function hugeTaskDefinition(): string {
  const td = JSON.parse(NGINX_TD) as { containerDefinitions: { environment?: unknown[] }[] };
  const env = Array.from({ length: TEN_MB / 40 }, (_, i) => ({
    name: `V${i}`,
    value: 'xxxxxxxxxxxxxxxx',
  }));
  (td.containerDefinitions[0] as { environment?: unknown[] }).environment = env;
  return JSON.stringify(td);
}

function only<T extends { message: string; line: number; column: number }>(ds: readonly T[]): T {
  expect(ds).toHaveLength(1);
  return ds[0] as T;
}

/** Building and scanning 10 MB strings takes a few seconds on a loaded CI machine (not a timing test). */
const HEAVY = 60_000;

describe('huge inputs are refused with a message', () => {
  it(
    'a 10 MB task definition',
    () => {
      const text = hugeTaskDefinition();
      expect(text.length).toBeGreaterThan(TEN_MB);
      const r = parseTaskDefinition(text, 'huge.json');
      expect(r.ok).toBe(false);
      const d = only(r.ok ? [] : r.errors);
      expect(d.message).toMatch(
        /^Task definition file is too large: \d+ bytes \(the limit is 1048576 bytes, 1 MB\)$/,
      );
      expect([d.line, d.column]).toEqual([1, 1]);
    },
    HEAVY,
  );

  it(
    'a task definition nested 100,000 levels deep (was: RangeError thrown past the loader)',
    () => {
      const text = `{"family":"x","containerDefinitions":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      const r = parseTaskDefinition(text, 'deep.json');
      expect(r.ok).toBe(false);
      const d = only(r.ok ? [] : r.errors);
      expect(d.message).toBe(
        `Task definition file is nested too deeply (more than ${MAX_NESTING_DEPTH} levels)`,
      );
      // Located at the bracket that crosses the limit.
      expect([d.line, d.column]).toEqual([
        1,
        '{"family":"x","containerDefinitions":'.length + MAX_NESTING_DEPTH,
      ]);
    },
    HEAVY,
  );

  it(
    'a task definition with deep objects in a field (20,000 levels)',
    () => {
      const text = `{\n  "family": "x",\n  "tags": ${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}\n}`;
      const r = parseTaskDefinition(text, 'deep.json');
      expect(r.ok).toBe(false);
      expect(only(r.ok ? [] : r.errors)).toMatchObject({
        line: 3,
        message: expect.stringContaining('nested too deeply'),
      });
    },
    HEAVY,
  );

  it(
    'a 10 MB manifest file (was: parsed for ~40 s, freezing the tab)',
    () => {
      const text = Array.from(
        { length: Math.ceil(TEN_MB / NGINX_YAML.length) },
        () => NGINX_YAML,
      ).join('\n---\n');
      const r = parseManifests(text, 'huge.yaml');
      expect(r.objects).toEqual([]);
      expect(only(r.diagnostics).message).toMatch(/^Manifest file is too large: \d+ bytes/);
    },
    HEAVY,
  );

  it(
    'manifests nested 100,000 levels deep in flow style, 1,000 in block style',
    () => {
      const flow = parseManifests(
        `apiVersion: v1\nkind: Pod\nmetadata: ${'['.repeat(100_000)}`,
        'flow.yaml',
      );
      expect(only(flow.diagnostics)).toMatchObject({
        line: 3,
        message: expect.stringContaining('nested too deeply'),
      });
      const block = Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n');
      const r = parseManifests(block, 'block.yaml');
      expect(only(r.diagnostics)).toMatchObject({
        line: MAX_NESTING_DEPTH + 1,
        message: expect.stringContaining('nested too deeply'),
      });
    },
    HEAVY,
  );

  it(
    'a 10 MB scenario and one with 100,000 steps',
    () => {
      const huge = loadScenario(SCENARIO + '\n#'.repeat(TEN_MB / 2), 'huge.yaml');
      expect(huge.ok).toBe(false);
      expect(only(huge.ok ? [] : huge.errors).message).toMatch(/^Scenario file is too large/);
      const head = SCENARIO.slice(0, SCENARIO.indexOf('\nsteps:') + 1);
      const many = loadScenario(`${head}steps:\n${'  - {}\n'.repeat(100_000)}`, 'many.yaml');
      expect(many.ok).toBe(false);
      expect(only(many.ok ? [] : many.errors).message).toBe(
        'Too many steps: 100000 (the limit is 1000)',
      );
    },
    HEAVY,
  );

  it(
    'a scenario nested 100,000 levels deep',
    () => {
      const r = loadScenario(`version: 1\nid: x\nsteps: ${'['.repeat(100_000)}`, 'deep.yaml');
      expect(r.ok).toBe(false);
      expect(only(r.ok ? [] : r.errors)).toMatchObject({
        line: 3,
        message: expect.stringContaining('nested too deeply'),
      });
    },
    HEAVY,
  );

  it(
    'a 10 MB terminal line and `kubectl apply -f` of a 10 MB file answer with an error',
    () => {
      const w = {
        ecs: createDefaultCluster(1),
        k8s: createK8sState({
          seed: 1,
          nodeGroups: [{ name: 'ng', instanceType: 'm5.large', desiredSize: 1 }],
        }),
      };
      const long = runTerminalLine(w, `kubectl get pods ${'x'.repeat(TEN_MB)}`);
      expect(long).toMatchObject({
        exitCode: 126,
        lines: ['bash: kubectl: Argument list too long'],
      });
      const file = Array.from(
        { length: Math.ceil(TEN_MB / NGINX_YAML.length) },
        () => NGINX_YAML,
      ).join('\n---\n');
      const apply = runTerminalLine(w, 'kubectl apply -f big.yaml', { 'big.yaml': file });
      expect(apply.exitCode).toBe(1);
      expect(apply.lines.join('\n')).toContain('Manifest file is too large');
      expect(apply.world.k8s).toBe(w.k8s);
    },
    HEAVY,
  );

  it(
    'ordinary files pass the limits (brackets in strings and comments do not count)',
    () => {
      const deepInString = `{"family":"x","note":"${'['.repeat(500)}"}`;
      expect(checkInputLimits(deepInString, 'a.json', 'Task definition', 'json')).toBeUndefined();
      const yamlComment = `# ${'['.repeat(500)}\nkind: Pod\nmessage: "${'{'.repeat(500)}"\n`;
      expect(checkInputLimits(yamlComment, 'a.yaml', 'Manifest', 'yaml')).toBeUndefined();
      for (const [f, t] of [
        ...fixtures('scenarios', '.yaml'),
        ...fixtures('tests/fixtures/manifests', '.yaml'),
      ])
        expect(checkInputLimits(t, f, 'File', 'yaml'), f).toBeUndefined();
    },
    HEAVY,
  );
});
