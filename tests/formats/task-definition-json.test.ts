import { describe, expect, it } from 'vitest';
import { parseTaskDefinition } from '../../src/formats/task-definition.ts';
import { createLineIndex } from '../../src/formats/json-positions.ts';

describe('task definition JSON syntax', () => {
  it('rejects a trailing comma as AWS would, with its position', () => {
    const text = '{\n  "family": "web",\n  "containerDefinitions": [],\n}\n';
    const result = parseTaskDefinition(text, 'a.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.stage).toBe('json');
    expect(result.errors).toEqual([
      {
        file: 'a.json',
        line: 4,
        column: 1,
        path: '',
        message: 'Invalid JSON: trailing comma is not allowed',
        severity: 'error',
      },
    ]);
  });

  it('rejects comments', () => {
    const text = '{\n  // the family\n  "family": "web"\n}';
    const result = parseTaskDefinition(text, 'a.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.stage).toBe('json');
    expect(result.errors[0]).toMatchObject({
      line: 2,
      column: 3,
      message: 'Invalid JSON: comments are not allowed',
    });
  });

  it('rejects an empty file and a missing closing brace', () => {
    const empty = parseTaskDefinition('   ', 'e.json');
    expect(!empty.ok && empty.stage === 'json' && empty.errors[0]?.message).toBe(
      'Invalid JSON: the file is empty',
    );
    const open = parseTaskDefinition('{\n  "family": "web"\n', 'o.json');
    expect(!open.ok && open.stage).toBe('json');
    expect(!open.ok && open.errors.some((e) => e.message.includes("'}' expected"))).toBe(true);
  });

  it('reports a non-object document as a validation error, not a syntax error', () => {
    const result = parseTaskDefinition('[1, 2]', 'l.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.stage).toBe('validation');
    expect(result.errors[0]?.message).toBe(
      'A task definition must be a JSON object (the RegisterTaskDefinition input).',
    );
  });

  it('warns about duplicate keys at the second key', () => {
    const text =
      '{\n  "family": "a",\n  "family": "web",\n  "containerDefinitions": [{"name": "w", "image": "nginx", "memory": 64}]\n}';
    const result = parseTaskDefinition(text, 'd.json');
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 3, column: 3, path: 'family', severity: 'warning' }),
    ]);
    expect(result.ok && result.value.family).toBe('web');
  });

  it('maps offsets to 1-based lines and columns for \\n, \\r\\n and \\r', () => {
    const index = createLineIndex('ab\ncd\r\nef\rgh');
    expect(index(0)).toEqual({ line: 1, column: 1 });
    expect(index(4)).toEqual({ line: 2, column: 2 });
    expect(index(7)).toEqual({ line: 3, column: 1 });
    expect(index(10)).toEqual({ line: 4, column: 1 });
  });
});
