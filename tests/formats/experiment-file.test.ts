import { describe, expect, it } from 'vitest';
import {
  EXPERIMENT_FORMAT,
  EXPERIMENT_VERSION,
  migrateEnvelope,
  readExperiment,
  writeExperiment,
} from '../../src/formats/experiment-file.ts';
import {
  MAX_SHARE_INFLATED_BYTES,
  decodeShare,
  encodeShare,
  shareValueFromHash,
} from '../../src/formats/share-link.ts';

const SCENARIO = `version: 1
id: tiny
title: Tiny
summary: s
guideSection: Sandbox experiment
seed: 4
initial:
  cluster: default
steps:
  - title: Add one
    narration: n
    actions:
      - { type: ADD_INSTANCE, instanceType: m5.large, availabilityZone: us-east-1a }
`;

describe('saved experiment envelope', () => {
  it('writes and reads back the name, speed and scenario', () => {
    const text = writeExperiment({ name: 'My test', speed: 4, scenario: SCENARIO });
    const read = readExperiment(text, 'saved experiment');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.experiment.name).toBe('My test');
    expect(read.experiment.speed).toBe(4);
    expect(read.experiment.scenario.seed).toBe(4);
    expect(read.experiment.scenarioText).toBe(SCENARIO);
    expect(read.experiment.migratedFrom).toBeUndefined();
  });

  it('migrates version 1 (title, no speed) to the current version', () => {
    const v1 = JSON.stringify({
      format: EXPERIMENT_FORMAT,
      version: 1,
      title: 'Old',
      scenario: SCENARIO,
    });
    const read = readExperiment(v1, 'old save');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.experiment.name).toBe('Old');
    expect(read.experiment.speed).toBe(1);
    expect(read.experiment.migratedFrom).toBe(1);
    const m = migrateEnvelope(JSON.parse(v1));
    expect(m.ok && m.envelope.version).toBe(EXPERIMENT_VERSION);
  });

  it('locates broken JSON at its real line:column, not 1:1', () => {
    const good = JSON.stringify({
      format: EXPERIMENT_FORMAT,
      version: 2,
      name: 'x',
      speed: 1,
      scenario: SCENARIO,
    });
    // Cut the envelope mid-way and break it after the "name" value, as a corrupt save might be.
    const cut = good.indexOf('"speed"');
    const broken = `${good.slice(0, cut - 1)} }oops`;
    const r = readExperiment(broken, 'saved experiment “x”');
    if (r.ok) throw new Error('expected an error');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'saved experiment “x”', line: 1 });
    expect(r.errors[0]?.column).toBe(cut + 2);
    expect(r.errors[0]?.message).toMatch(/^Saved experiment is not valid JSON: .*'oops'/);
    const multiLine = readExperiment('{\n  "format": "x",\n  "version" 2\n}', 'f');
    if (multiLine.ok) throw new Error('expected an error');
    expect(multiLine.errors[0]).toMatchObject({ line: 3, column: 13 });
  });

  it('refuses a newer version, a wrong format, bad JSON and bad fields with a message', () => {
    const cases: [string, RegExp][] = [
      [
        JSON.stringify({
          format: EXPERIMENT_FORMAT,
          version: 99,
          name: 'x',
          speed: 1,
          scenario: SCENARIO,
        }),
        /newer playground \(format version 99/,
      ],
      [
        JSON.stringify({ format: 'other', version: 2 }),
        /"format" must be "cluster-playground-experiment"/,
      ],
      ['{"format": "cluster-playground-experiment", ', /not valid JSON/],
      [
        JSON.stringify({
          format: EXPERIMENT_FORMAT,
          version: 2,
          name: '',
          speed: 1,
          scenario: SCENARIO,
        }),
        /"name" must be a non-empty string/,
      ],
      [
        JSON.stringify({
          format: EXPERIMENT_FORMAT,
          version: 2,
          name: 'x',
          speed: -1,
          scenario: SCENARIO,
        }),
        /"speed" must be a number/,
      ],
      [JSON.stringify([1]), /must be a JSON object/],
    ];
    for (const [text, message] of cases) {
      const read = readExperiment(text, 'f');
      expect(read.ok).toBe(false);
      if (read.ok) continue;
      expect(read.errors[0]?.message).toMatch(message);
      expect(read.errors[0]?.file).toBe('f');
    }
  });

  it('reports a broken scenario inside with its line and field path', () => {
    const bad = SCENARIO.replace('instanceType: m5.large', 'instanceTyp: m5.large');
    const read = readExperiment(writeExperiment({ name: 'x', speed: 1, scenario: bad }), 'save');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const e = read.errors.find((d) => d.path.includes('actions[0]'));
    expect(e?.file).toBe('save (scenario)');
    expect(e?.line).toBe(13); // the action's line in the scenario text
  });
});

describe('share links', () => {
  it('round trips text through deflate-raw + base64url and is URL-safe', async () => {
    const text = writeExperiment({ name: 'Ünïcode ✓', speed: 2, scenario: SCENARIO.repeat(3) });
    const value = await encodeShare(text);
    expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(value.length).toBeLessThan(text.length);
    const back = await decodeShare(value);
    expect(back).toEqual({ ok: true, text });
    expect(shareValueFromHash(`#experiment=${value}`)).toBe(value);
    expect(shareValueFromHash('#other=1')).toBeUndefined();
  });

  it('refuses damaged links and ones that inflate past the limit', async () => {
    expect(await decodeShare('not base64!')).toMatchObject({ ok: false, error: /not base64url/ });
    expect(await decodeShare('AAAAAAAA')).toMatchObject({
      ok: false,
      error: /does not decompress/,
    });
    const bomb = await encodeShare('a'.repeat(MAX_SHARE_INFLATED_BYTES + 10));
    expect(bomb.length).toBeLessThan(10_000);
    expect(await decodeShare(bomb)).toMatchObject({ ok: false, error: /too large/ });
    expect(await decodeShare('A'.repeat(600 * 1024))).toMatchObject({
      ok: false,
      error: /too long/,
    });
  });
});
