import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryIo, EXIT } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/command-table.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/task-definitions/${name}`, import.meta.url), 'utf8');

const GUIDE = 'fargate-nginx-guide.json';

describe('cluster-playground validate', () => {
  it('exits 0 and prints a summary line for a valid file', async () => {
    const io = createMemoryIo({ [GUIDE]: fixture(GUIDE) });
    expect(await runCli(['validate', GUIDE], io)).toBe(EXIT.OK);
    expect(io.out).toEqual([
      'fargate-nginx-guide.json: OK (family:web, FARGATE-compatible, awsvpc, 0.5 vCPU, 1 GB, 1 container)',
    ]);
    expect(io.err).toEqual([]);
  });

  it('exits 1 and prints FILE:LINE:COL: path: message for each problem', async () => {
    const io = createMemoryIo({ 'size.json': fixture('invalid-fargate-size.json') });
    expect(await runCli(['validate', 'size.json'], io)).toBe(EXIT.INVALID);
    expect(io.out).toEqual([
      'size.json:6:13: memory: No Fargate configuration exists for given values. (Valid memory for cpu 512: 1024, 2048, 3072, 4096 MiB.)',
      'size.json: INVALID (1 error)',
    ]);
  });

  it('prefixes warnings with "warning:" and still exits 0', async () => {
    const io = createMemoryIo({ 'w.json': fixture('warning-unknown-field.json') });
    expect(await runCli(['validate', 'w.json'], io)).toBe(EXIT.OK);
    expect(io.out[1]).toBe(
      'w.json:11:7: warning: containerDefinitions[0].memorySize: Unknown parameter "memorySize" is ignored (aws ecs register-task-definition would reject it: Unknown parameter in containerDefinitions[0]: "memorySize")',
    );
    expect(io.out.at(-1)).toBe(
      'w.json: OK (family:web, FARGATE-compatible, awsvpc, 1 vCPU, 2 GB, 1 container, 2 warnings)',
    );
  });

  it('exits 2 for unparseable JSON and prints the parse position', async () => {
    const io = createMemoryIo({ 'bad.json': '{\n  "family": "web",\n}' });
    expect(await runCli(['validate', 'bad.json'], io)).toBe(EXIT.FAILURE);
    expect(io.out).toEqual([
      'bad.json:3:1: Invalid JSON: trailing comma is not allowed',
      'bad.json: not valid JSON',
    ]);
  });

  it('exits 2 when a file cannot be read, but still checks the others', async () => {
    const io = createMemoryIo({ [GUIDE]: fixture(GUIDE) });
    expect(await runCli(['validate', 'missing.json', GUIDE], io)).toBe(EXIT.FAILURE);
    expect(io.err).toEqual([
      "missing.json: cannot read file: ENOENT: no such file or directory, open 'missing.json'",
    ]);
    expect(io.out).toHaveLength(1);
  });

  it('exits with the worst code over several files (1 beats 0, 2 beats 1)', async () => {
    const files = {
      ok: fixture(GUIDE),
      bad: fixture('invalid-ec2-no-memory.json'),
    };
    const io = createMemoryIo({ 'ok.json': files.ok, 'bad.json': files.bad, 'broken.json': '{' });
    expect(await runCli(['validate', 'ok.json', 'bad.json'], io)).toBe(EXIT.INVALID);
    expect(await runCli(['validate', 'ok.json', 'bad.json', 'broken.json'], io)).toBe(EXIT.FAILURE);
  });

  it('rejects extensions it does not know with exit 2', async () => {
    const io = createMemoryIo({ 'notes.txt': 'hi' });
    expect(await runCli(['validate', 'notes.txt'], io)).toBe(EXIT.FAILURE);
    expect(io.err).toEqual(['notes.txt: unsupported file type (expected .json, .yaml, .yml)']);
  });

  it('validates every fixture the way its name says', async () => {
    const names = [
      'describe-output-bare.json',
      'describe-output-wrapped.json',
      'ec2-bridge-dynamic-ports.json',
      'fargate-nginx-aws-docs.json',
      GUIDE,
      'warning-unknown-field.json',
      'invalid-ec2-no-memory.json',
      'invalid-fargate-bridge.json',
      'invalid-fargate-size.json',
      'invalid-many-problems.json',
    ];
    for (const name of names) {
      const io = createMemoryIo({ [name]: fixture(name) });
      const code = await runCli(['validate', name], io);
      expect(code, name).toBe(name.startsWith('invalid-') ? EXIT.INVALID : EXIT.OK);
    }
  });
});

describe('cluster-playground usage', () => {
  it('--help lists the commands on stdout and exits 0', async () => {
    const io = createMemoryIo();
    expect(await runCli(['--help'], io)).toBe(EXIT.OK);
    expect(io.out.some((l) => l.startsWith('  validate FILE...'))).toBe(true);
    expect(io.err).toEqual([]);
  });

  it('validate --help prints the command usage', async () => {
    const io = createMemoryIo();
    expect(await runCli(['validate', '--help'], io)).toBe(EXIT.OK);
    expect(io.out[0]).toBe('usage: cluster-playground validate FILE...');
  });

  it('no arguments, no files, or an unknown command exit 2 with a message on stderr', async () => {
    const io = createMemoryIo();
    expect(await runCli([], io)).toBe(EXIT.FAILURE);
    expect(await runCli(['validate'], io)).toBe(EXIT.FAILURE);
    expect(await runCli(['deploy'], io)).toBe(EXIT.FAILURE);
    expect(io.err).toContain('usage: cluster-playground validate FILE...');
    expect(io.err).toContain("cluster-playground: unknown command 'deploy' (see --help)");
    expect(io.out).toEqual([]);
  });
});
