import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryIo } from '../../src/cli/cli-io.ts';
import {
  looksLikeScenario,
  parseRunArgs,
  runCommand,
  validateScenarioFile,
} from '../../src/cli/run-command.ts';
import { SMALL_SCENARIO } from '../machine/scenario/fixture.ts';

const blueprint = readFileSync(
  fileURLToPath(new URL('../../scenarios/task-definition-blueprint.yaml', import.meta.url)),
  'utf8',
);

describe('run FILE', () => {
  it('prints one line per step and per expectation, exit 0 when all hold', async () => {
    const io = createMemoryIo({ 's.yaml': SMALL_SCENARIO });
    expect(await runCommand(['s.yaml'], io)).toBe(0);
    expect(io.out[0]).toBe('small: Small (seed 11)');
    expect(io.out).toContain('✓ 1. Create the service');
    expect(io.out).toContain(
      '    ✓ service web: runningCount = 2 — actual: desired 2, running 2, pending 0, steady',
    );
    expect(io.out.at(-1)).toBe('OK: 3 steps, 4/4 expectations hold');
  });

  it('exit 1 with ✗ and the actual value when an expectation fails', async () => {
    const io = createMemoryIo({
      's.yaml': SMALL_SCENARIO.replace('runningCount: 3', 'runningCount: 4'),
    });
    expect(await runCommand(['s.yaml'], io)).toBe(1);
    expect(io.out).toContain('✗ 3. Scale to three');
    expect(io.out.find((l) => l.includes('✗ service web: runningCount = 4'))).toMatch(
      /actual: desired 3, running 3/,
    );
    expect(io.out.at(-1)).toBe('FAILED: 3 steps, 3/4 expectations hold');
  });

  it('exit 2 and FILE:LINE:COL diagnostics for an invalid file', async () => {
    const io = createMemoryIo({
      's.yaml': SMALL_SCENARIO.replace('type: UPDATE_SERVICE', 'type: UPDATE_SERVIC'),
    });
    expect(await runCommand(['s.yaml'], io)).toBe(2);
    expect(io.err[0]).toMatch(
      /^s\.yaml:\d+:\d+: steps\[2\]\.actions\[0\]\.type: Unknown action "UPDATE_SERVIC"/,
    );
    expect(io.out).toEqual([]);
  });

  it('--json prints the verdicts and the final state summary', async () => {
    const io = createMemoryIo({ 's.yaml': SMALL_SCENARIO });
    expect(await runCommand(['s.yaml', '--json', '--seed', '3'], io)).toBe(0);
    const json = JSON.parse(io.out.join('\n')) as {
      seed: number;
      summary: { ok: boolean };
      finalState: {
        services: { name: string; desired: number; running: number; pending: number }[];
      };
    };
    expect(json.seed).toBe(3);
    expect(json.summary.ok).toBe(true);
    expect(json.finalState.services).toEqual([
      expect.objectContaining({ name: 'web', desired: 3, running: 3, pending: 0 }),
    ]);
  });

  it('shows expected refusals as expectations', async () => {
    const io = createMemoryIo({ 'b.yaml': blueprint });
    expect(await runCommand(['b.yaml'], io)).toBe(0);
    expect(io.out).toContain(
      '    ✓ REGISTER_TASK_DEFINITION is refused with "Fargate only supports network mode" — actual: Fargate only supports network mode ‘awsvpc’.',
    );
  });

  it('exit 2 on usage errors and unreadable files', async () => {
    expect(parseRunArgs([])).toBe('missing scenario FILE');
    expect(parseRunArgs(['a', '--seed', 'x'])).toMatch(/--seed needs a whole number/);
    expect(parseRunArgs(['a', '--what'])).toBe("unknown option '--what'");
    const io = createMemoryIo();
    expect(await runCommand(['missing.yaml'], io)).toBe(2);
    expect(io.err[0]).toMatch(/^missing\.yaml: cannot read file/);
  });
});

describe('validateScenarioFile', () => {
  it('prints OK for a valid scenario and INVALID with diagnostics otherwise', () => {
    const ok = createMemoryIo();
    expect(validateScenarioFile('s.yaml', SMALL_SCENARIO, ok)).toBe(0);
    expect(ok.out.at(-1)).toMatch(/^s\.yaml: OK \(scenario small: 3 steps/);
    const bad = createMemoryIo();
    expect(
      validateScenarioFile('s.yaml', SMALL_SCENARIO.replace('seed: 11', 'seed: eleven'), bad),
    ).toBe(1);
    expect(bad.out[0]).toMatch(/^s\.yaml:\d+:7: seed: Expected a whole number/);
  });

  it('tells scenarios from Kubernetes manifests', () => {
    expect(looksLikeScenario(SMALL_SCENARIO)).toBe(true);
    expect(looksLikeScenario('apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n')).toBe(false);
  });
});
