import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { classifyDroppedFile } from '../../src/formats/dropped-file.ts';
import { writeExperiment } from '../../src/formats/experiment-file.ts';

describe('classifyDroppedFile: by content, not by name', () => {
  it('every bundled scenario is a scenario', () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files)
      expect(classifyDroppedFile(f, readFileSync(`scenarios/${f}`, 'utf8')), f).toBe('scenario');
  });

  it('a saved experiment envelope is an experiment, even named .txt', () => {
    const text = writeExperiment({ name: 'x', speed: 1, scenario: 'version: 1\n' });
    expect(classifyDroppedFile('mine.txt', text)).toBe('experiment');
  });

  it('Kubernetes manifests in YAML (multi-document) and JSON are manifests', () => {
    const yaml =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: v1\nkind: Service\n';
    expect(classifyDroppedFile('web.yaml', yaml)).toBe('manifest');
    expect(classifyDroppedFile('pod.json', '{"apiVersion":"v1","kind":"Pod"}')).toBe('manifest');
  });

  it('task definition JSON (register input, describe output, broken JSON) is a task definition', () => {
    expect(classifyDroppedFile('a.json', '{ "family": "web", "containerDefinitions": [] }')).toBe(
      'taskDefinition',
    );
    expect(classifyDroppedFile('b', '\uFEFF  {"taskDefinition": {"family": "x"}}')).toBe(
      'taskDefinition',
    );
    expect(classifyDroppedFile('c.yaml', '{ "family": ')).toBe('taskDefinition');
  });

  it('a YAML with a nested kind/apiVersion is not a manifest; an empty file goes by its name', () => {
    expect(
      classifyDroppedFile('s.yaml', 'version: 1\nsteps:\n  - kind: x\n    apiVersion: y\n'),
    ).toBe('scenario');
    expect(classifyDroppedFile('empty.json', '')).toBe('taskDefinition');
    expect(classifyDroppedFile('empty.yaml', '   ')).toBe('scenario');
  });
});
