import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/command-table.ts';
import { loadScenario } from '../../src/formats/scenario.ts';

const scenario = readFileSync(
  new URL('../../scenarios/self-healing.yaml', import.meta.url),
  'utf8',
);
const twoDocs = `${scenario.trimEnd()}\n---\n${scenario}`;
const secondDocLine = scenario.trimEnd().split('\n').length + 1;

describe('a scenario file with a second YAML document (`---`)', () => {
  const message = /^A scenario file holds one YAML document; a second one starts here/;

  it('is refused by the loader at the line of the second document, in plain words', () => {
    const r = loadScenario(twoDocs, 'two.yaml');
    if (r.ok) throw new Error('expected an error');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'two.yaml', line: secondDocLine, column: 1 });
    expect(r.errors[0]?.message).toMatch(message);
    expect(r.errors[0]?.message).not.toContain('parseAllDocuments');
  });

  it('is reported the same way by `cluster-playground validate`', async () => {
    const io = createMemoryIo({ 'two.yaml': twoDocs });
    await runCli(['validate', 'two.yaml'], io);
    const text = [...io.out, ...io.err].join('\n');
    expect(text).toContain(`two.yaml:${secondDocLine}:1: A scenario file holds one YAML document`);
    expect(text).not.toContain('parseAllDocuments');
  });
});
