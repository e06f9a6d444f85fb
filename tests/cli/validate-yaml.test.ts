import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryIo, EXIT } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/command-table.ts';

const read = (rel: string): string => readFileSync(new URL(rel, import.meta.url), 'utf8');
const manifest = (name: string): string => read(`../fixtures/manifests/${name}`);

describe('cluster-playground validate (.yaml)', () => {
  it('accepts real Kubernetes manifests and lists the objects', async () => {
    const io = createMemoryIo({ 'nginx.yaml': manifest('nginx.yaml') });
    expect(await runCli(['validate', 'nginx.yaml'], io)).toBe(EXIT.OK);
    expect(io.out.at(-1)).toMatch(/^nginx\.yaml: OK \(\d+ objects?: .*Deployment\//);
  });

  it('reports a selector that does not match the template labels at its line, exit 1', async () => {
    const io = createMemoryIo({ 'sel.yaml': manifest('invalid-selector.yaml') });
    expect(await runCli(['validate', 'sel.yaml'], io)).toBe(EXIT.INVALID);
    expect(io.out.some((l) => /^sel\.yaml:\d+:\d+: .*selector/.test(l))).toBe(true);
    expect(io.out.at(-1)).toMatch(/^sel\.yaml: INVALID \(\d+ errors?/);
  });

  it('exits 2 with a position for YAML that does not parse', async () => {
    const io = createMemoryIo({ 'bad.yaml': 'kind: Pod\nmetadata: {name: [\n' });
    expect(await runCli(['validate', 'bad.yaml'], io)).toBe(EXIT.FAILURE);
    expect(io.out[0]).toMatch(/^bad\.yaml:\d+:\d+: /);
    expect(io.out.at(-1)).toBe('bad.yaml: not valid YAML');
  });

  it('recognises a scenario file and validates it as one', async () => {
    const text = read('../../scenarios/self-healing.yaml');
    const io = createMemoryIo({ 'self-healing.yaml': text });
    expect(await runCli(['validate', 'self-healing.yaml'], io)).toBe(EXIT.OK);
    expect(io.out.at(-1)).toMatch(/^self-healing\.yaml: OK \(scenario self-healing: \d+ steps/);
  });

  it('reports a broken scenario with the field, exit 1', async () => {
    const text = read('../../scenarios/self-healing.yaml').replace(/type: (\w+)/, 'type: NOPE_$1');
    const io = createMemoryIo({ 's.yaml': text });
    expect(await runCli(['validate', 's.yaml'], io)).toBe(EXIT.INVALID);
    expect(io.out.some((l) => /^s\.yaml:\d+:\d+: .*Unknown action "NOPE_/.test(l))).toBe(true);
  });

  it('runs a scenario through the `run` command of the command table', async () => {
    const io = createMemoryIo({ 'b.yaml': read('../../scenarios/task-definition-blueprint.yaml') });
    expect(await runCli(['run', 'b.yaml'], io)).toBe(EXIT.OK);
    expect(io.out.at(-1)).toMatch(/^OK: \d+ steps/);
  });
});
