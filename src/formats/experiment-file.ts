/**
 * Saved experiments (issue 5): the envelope the playground keeps in IndexedDB and puts in share
 * links. The experiment itself is a scenario file (YAML, scenarios/README.md) — the same format a
 * lesson uses, so an experiment can become one, and so it is validated by the scenario loader with
 * file, line, column and field path. The envelope adds what a scenario does not say: the name the
 * learner gave it and the speed it ran at.
 *
 * Versions (`version`):
 *   1 — `{ format, version: 1, title, scenario }`: the name was called `title`, no speed.
 *   2 — `{ format, version: 2, name, speed, scenario }` (current).
 * Older versions are migrated on read; a newer version is refused with a message (never guessed at).
 * Pure: text in, data out.
 */
import { MAX_SCENARIO_BYTES, loadScenario } from './scenario.ts';
import type { Diagnostic } from './diagnostics.ts';
import { createLineIndex, parseJsonStrict } from './json-positions.ts';
import type { Scenario } from './scenario-types.ts';

export const EXPERIMENT_FORMAT = 'cluster-playground-experiment';
export const EXPERIMENT_VERSION = 2;
/** The largest envelope accepted: the scenario's 1 MB plus room for the envelope's own fields. */
export const MAX_EXPERIMENT_BYTES = MAX_SCENARIO_BYTES + 16 * 1024;
export const MAX_EXPERIMENT_NAME = 200;
/** The speed an experiment saved without one (version 1) runs at. */
export const DEFAULT_EXPERIMENT_SPEED = 1;

/** The current envelope, as written. */
export interface ExperimentEnvelope {
  readonly format: typeof EXPERIMENT_FORMAT;
  readonly version: typeof EXPERIMENT_VERSION;
  readonly name: string;
  /** Simulated ms per wall ms when saved. */
  readonly speed: number;
  /** The experiment as a scenario file (YAML). */
  readonly scenario: string;
}

/** A read experiment: the envelope's fields plus the loaded scenario. */
export interface LoadedExperiment {
  readonly name: string;
  readonly speed: number;
  readonly scenario: Scenario;
  /** The scenario text (what export writes). */
  readonly scenarioText: string;
  /** The version it was saved in, when older than the current one (it was migrated). */
  readonly migratedFrom?: number;
}

export type ExperimentReadResult =
  | { readonly ok: true; readonly experiment: LoadedExperiment }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

/** Serialises an envelope (stable key order, so equal experiments give equal text). */
export function writeExperiment(e: Omit<ExperimentEnvelope, 'format' | 'version'>): string {
  const envelope: ExperimentEnvelope = {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    name: e.name,
    speed: e.speed,
    scenario: e.scenario,
  };
  return JSON.stringify(envelope);
}

/**
 * Migrates any known version to the current envelope, or says what is wrong. Pure.
 * Exported so the migration itself is testable without a scenario.
 */
export function migrateEnvelope(
  value: unknown,
): { ok: true; envelope: ExperimentEnvelope; from: number } | { ok: false; message: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: 'A saved experiment must be a JSON object' };
  const v = value as Record<string, unknown>;
  if (v.format !== EXPERIMENT_FORMAT)
    return {
      ok: false,
      message: `Not a saved experiment: "format" must be "${EXPERIMENT_FORMAT}"`,
    };
  const version = v.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, message: '"version" must be a whole number ≥ 1' };
  if (version > EXPERIMENT_VERSION)
    return {
      ok: false,
      message: `This experiment was saved by a newer playground (format version ${version}; this one reads up to ${EXPERIMENT_VERSION})`,
    };
  if (typeof v.scenario !== 'string') return { ok: false, message: '"scenario" must be a string' };
  const rawName = version === 1 ? v.title : v.name;
  const nameField = version === 1 ? 'title' : 'name';
  if (typeof rawName !== 'string' || rawName.trim() === '')
    return { ok: false, message: `"${nameField}" must be a non-empty string` };
  if (rawName.length > MAX_EXPERIMENT_NAME)
    return {
      ok: false,
      message: `"${nameField}" is too long (${rawName.length} characters; the limit is ${MAX_EXPERIMENT_NAME})`,
    };
  let speed = DEFAULT_EXPERIMENT_SPEED;
  if (version >= 2) {
    if (typeof v.speed !== 'number' || !Number.isFinite(v.speed) || v.speed <= 0 || v.speed > 1024)
      return { ok: false, message: '"speed" must be a number between 0 and 1024' };
    speed = v.speed;
  }
  return {
    ok: true,
    from: version,
    envelope: {
      format: EXPERIMENT_FORMAT,
      version: EXPERIMENT_VERSION,
      name: rawName,
      speed,
      scenario: v.scenario,
    },
  };
}

/**
 * Reads a saved experiment (`text` is the envelope JSON; `fileName` names it in messages, e.g.
 * "saved experiment “x”" or "share link"). Every problem comes back as a Diagnostic; the scenario
 * inside is checked by the scenario loader, its positions pointing into the scenario text.
 */
export function readExperiment(text: string, fileName: string): ExperimentReadResult {
  const whole = (message: string): ExperimentReadResult => ({
    ok: false,
    errors: [{ file: fileName, line: 1, column: 1, path: '', message, severity: 'error' }],
  });
  if (text.length > MAX_EXPERIMENT_BYTES)
    return whole(
      `Saved experiment is too large: ${text.length} characters (the limit is ${MAX_EXPERIMENT_BYTES})`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Report where the JSON breaks (the engine's own message puts "column N" in the text while
    // the location said 1:1): the strict parser's first error, at its real line:column.
    const strict = parseJsonStrict(text);
    const first = strict.ok ? undefined : strict.errors[0];
    if (first === undefined)
      return whole(`Saved experiment is not valid JSON: ${(error as Error).message}`);
    const where = createLineIndex(text)(first.offset);
    const detail = first.message.replace(/^Invalid JSON: /, '');
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          ...where,
          path: '',
          message: `Saved experiment is not valid JSON: ${detail}`,
          severity: 'error',
        },
      ],
    };
  }
  const migrated = migrateEnvelope(value);
  if (!migrated.ok) return whole(migrated.message);
  const { envelope, from } = migrated;
  const loaded = loadScenario(envelope.scenario, `${fileName} (scenario)`);
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  return {
    ok: true,
    experiment: {
      name: envelope.name,
      speed: envelope.speed,
      scenario: loaded.scenario,
      scenarioText: envelope.scenario,
      ...(from < EXPERIMENT_VERSION ? { migratedFrom: from } : {}),
    },
  };
}
