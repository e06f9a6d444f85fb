/**
 * Scenario files (scenarios/*.yaml, format in scenarios/README.md): `loadScenario` parses and
 * validates one, reporting EVERY problem with file, line, column and field path, and returns
 * either a complete Scenario or no scenario at all — never a half-loaded one. Pure: text in.
 */
import { createDefaultCluster, createSimulation } from '../sim/index.ts';
import type { TaskDefinitionInput } from '../sim/index.ts';
import { formatPath, sortDiagnostics } from './diagnostics.ts';
import type { Diagnostic, PathSegment } from './diagnostics.ts';
import type { Reporter } from './diagnostic-reporter.ts';
import { buildScenario } from './scenario-build.ts';
import { MAX_STEPS, NON_API_ACTIONS, SCENARIO_SPEC } from './scenario-fields.ts';
import { checkReferences } from './scenario-references.ts';
import type { ClusterFacts } from './scenario-references.ts';
import { checkShape, isMapping } from './scenario-shape.ts';
import { checkEmbeddedTaskDefinition } from './scenario-task-definitions.ts';
import type { Scenario } from './scenario-types.ts';
import { createYamlReporter, parseYaml } from './scenario-yaml.ts';
import type { YamlSource } from './scenario-yaml.ts';
import { checkInputLimits } from './input-limits.ts';

export type { Scenario } from './scenario-types.ts';

/** The largest scenario file accepted (bytes of UTF-8). */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

/** The outcome of loading: a complete scenario (plus warnings) or every error found. */
export type ScenarioLoadResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly Diagnostic[] }
  | {
      readonly ok: false;
      readonly errors: readonly Diagnostic[];
      readonly warnings: readonly Diagnostic[];
    };

/**
 * Parses and validates `text` (the contents of `fileName`). Pure and deterministic.
 * Errors: YAML syntax, file > 1 MB, > 1000 steps, wrong types, unknown or missing fields,
 * unknown actions (with the closest valid name), invalid embedded task definitions (the
 * task-definition validator's rules, located in this file) and references to services, task
 * definition families, instances or zones that nothing creates before they are used.
 */
export function loadScenario(text: string, fileName: string): ScenarioLoadResult {
  const whole = (message: string): ScenarioLoadResult => ({
    ok: false,
    errors: [{ file: fileName, line: 1, column: 1, path: '', message, severity: 'error' }],
    warnings: [],
  });
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_SCENARIO_BYTES) {
    return whole(
      `Scenario file is too large: ${bytes} bytes (the limit is ${MAX_SCENARIO_BYTES} bytes, 1 MB)`,
    );
  }
  // Deep nesting is refused before parsing (issue 9: the YAML parser recurses per level).
  const tooDeep = checkInputLimits(text, fileName, 'Scenario', 'yaml');
  if (tooDeep) return { ok: false, errors: [tooDeep], warnings: [] };
  const parsed = parseYaml(text, fileName);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [] };
  const { source, value } = parsed;
  if (!isMapping(value))
    return whole('A scenario file must be a YAML mapping (version, id, title, … steps)');
  if (Array.isArray(value.steps) && value.steps.length > MAX_STEPS) {
    const report = createYamlReporter(source);
    report.error(['steps'], `Too many steps: ${value.steps.length} (the limit is ${MAX_STEPS})`);
    return { ok: false, errors: report.diagnostics(), warnings: [] };
  }

  const report = createYamlReporter(source);
  const embedded = new EmbeddedCollector(source, value);
  checkShape(value, [], SCENARIO_SPEC, report, (v, path) => embedded.check(v, path));
  const shapeErrors = [...report.diagnostics(), ...embedded.errors].filter(
    (d) => d.severity === 'error',
  );
  const broken = (path: readonly PathSegment[]): boolean => {
    const prefix = formatPath(path);
    return shapeErrors.some(
      (d) =>
        d.path === prefix || d.path.startsWith(`${prefix}.`) || d.path.startsWith(`${prefix}[`),
    );
  };
  // References are checked even when shapes are wrong, so one run reports every problem.
  const scenario = buildScenario(value, source, embedded, broken);
  checkReferences(scenario, clusterFacts(scenario), report);
  if (report.errorCount() > 0 || embedded.errors.length > 0) return fail(report, embedded);
  return {
    ok: true,
    scenario,
    warnings: sortDiagnostics([...report.diagnostics(), ...embedded.warnings]),
  };
}

function fail(report: Reporter, embedded: EmbeddedCollector): ScenarioLoadResult {
  const all = sortDiagnostics([...report.diagnostics(), ...embedded.errors, ...embedded.warnings]);
  return {
    ok: false,
    errors: all.filter((d) => d.severity === 'error'),
    warnings: all.filter((d) => d.severity === 'warning'),
  };
}

/** AZs, instances, services and families of the starting cluster (for load-time reference checks). */
export function clusterFacts(scenario: Pick<Scenario, 'initial' | 'seed'>): ClusterFacts {
  const state =
    scenario.initial.cluster === 'default'
      ? createDefaultCluster(scenario.seed)
      : createSimulation({ seed: scenario.seed });
  const families: Record<string, number> = {};
  for (const td of Object.values(state.taskDefinitions))
    families[td.family] = (families[td.family] ?? 0) + 1;
  return {
    availabilityZones: state.cluster.availabilityZones,
    instanceCount: Object.keys(state.instances).length,
    services: Object.keys(state.services),
    families,
  };
}

/**
 * Runs the task-definition validator on each embedded definition and remembers the outcome.
 * For a REGISTER_TASK_DEFINITION with `expectError`, validator errors are the expected refusal:
 * they are kept as the rejection messages, and it is an error if there are none or none matches.
 */
class EmbeddedCollector {
  readonly valid = new Map<string, TaskDefinitionInput>();
  readonly rejected = new Map<string, readonly string[]>();
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];

  constructor(
    private readonly source: YamlSource,
    private readonly root: Record<string, unknown>,
  ) {}

  check(value: unknown, path: readonly PathSegment[]): boolean {
    const result = checkEmbeddedTaskDefinition(this.source, value, path);
    this.warnings.push(...result.warnings);
    const key = formatPath(path);
    const expectError = this.expectedError(path);
    if (expectError === undefined) {
      this.errors.push(...result.errors);
      if (result.value !== undefined) this.valid.set(key, result.value);
      return result.errors.length === 0;
    }
    const report = createYamlReporter(this.source);
    const actionPath = path.slice(0, -1);
    if (result.value !== undefined) {
      this.valid.set(key, result.value);
      // A valid definition may still be refused by the core (applyCommand); the runner checks that.
      return true;
    }
    const messages = result.errors.map((d) => d.message);
    if (!messages.some((m) => m.includes(expectError))) {
      report.error(
        [...actionPath, 'expectError'],
        `expectError "${expectError}" matches none of the validator's errors: ${messages.map((m) => `"${m}"`).join('; ')}`,
      );
      this.errors.push(...report.diagnostics());
      return false;
    }
    this.rejected.set(key, messages);
    return true;
  }

  /** `expectError` of the REGISTER_TASK_DEFINITION action holding `path`, if any. */
  private expectedError(path: readonly PathSegment[]): string | undefined {
    if (path.at(-1) !== 'taskDefinition' || path.length < 2) return undefined;
    let node: unknown = this.root;
    for (const segment of path.slice(0, -1)) {
      node =
        isMapping(node) || Array.isArray(node)
          ? (node as Record<string | number, unknown>)[segment]
          : undefined;
    }
    if (!isMapping(node) || NON_API_ACTIONS.has(String(node.type))) return undefined;
    return typeof node.expectError === 'string' ? node.expectError : undefined;
  }
}
