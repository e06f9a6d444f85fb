import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/cluster-playground.mjs');

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('bin/cluster-playground.mjs (spawned for real)', () => {
  it('validates fixtures with exit 0 / 1 and prints FILE:LINE:COL lines', () => {
    const ok = run('validate', 'tests/fixtures/task-definitions/fargate-nginx-guide.json');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('fargate-nginx-guide.json: OK (family:web, FARGATE-compatible');

    const bad = run('validate', 'tests/fixtures/task-definitions/invalid-fargate-size.json');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain(
      'tests/fixtures/task-definitions/invalid-fargate-size.json:6:13: memory: No Fargate configuration exists for given values.',
    );
  }, 60_000);

  it('exits 2 for an unparseable file and for a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-cli-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "family": "web", }');
    const result = run('validate', broken, join(dir, 'missing.json'));
    expect(result.status).toBe(2);
    expect(result.stdout).toContain(`${broken}:1:20: Invalid JSON: trailing comma is not allowed`);
    expect(result.stderr).toContain('missing.json: cannot read file: ENOENT');
  }, 60_000);
});
