/**
 * Every scenario in scenarios/ loads without errors, plays to the end headless with every
 * expectation holding, and is listed in scenarios/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/formats/scenario.ts';
import { runScenario } from '../../src/machine/scenario/runner.ts';

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
  .sort();

describe('scenarios/', () => {
  it('holds the six scenarios of issue 4 (at least)', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'checkpoint-quiz.yaml',
        'deploy-scalable-web-app.yaml',
        'ec2-vs-fargate.yaml',
        'fargate-periodic-job.yaml',
        'self-healing.yaml',
        'task-definition-blueprint.yaml',
      ]),
    );
  });

  it('README lists every scenario file', () => {
    const readme = readFileSync(`${dir}README.md`, 'utf8');
    for (const file of files) expect(readme).toContain(file);
  });
});

describe.each(files)('%s', (file) => {
  const text = readFileSync(`${dir}${file}`, 'utf8');
  const loaded = loadScenario(text, file);

  it('loads without errors or warnings and points editors at the schema', () => {
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    expect(loaded.ok && loaded.warnings).toEqual([]);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
    if (loaded.ok) expect(`${loaded.scenario.id}.yaml`).toBe(file);
  });

  it('plays to the end with every expectation holding', () => {
    if (!loaded.ok) throw new Error('scenario did not load');
    const run = runScenario(loaded.scenario);
    const failures = run.steps.flatMap((s) => [
      ...(s.error === undefined ? [] : [`step ${s.index + 1}: ${s.error}`]),
      ...s.expectations
        .filter((e) => !e.ok)
        .map((e) => `step ${s.index + 1}: ${e.description} (actual ${e.actual})`),
    ]);
    expect([...run.initialErrors, ...failures]).toEqual([]);
    expect(run.summary.ok).toBe(true);
    expect(run.steps).toHaveLength(loaded.scenario.steps.length);
  });
});
