/**
 * Pure: the canvas view a scenario asks for (scenario files' optional `view:`, at the top level and
 * per step; src/formats/scenario-types.ts). The scenario asks; the learner decides: a scenario's
 * view is set when the scenario opens and again only when the player reaches a step where the
 * asked-for view changes, so a view the learner picks (buttons, or V in presenter mode) stays
 * while the scenario asks for nothing new. Where the scenario asks for nothing, the app's own
 * rule holds (src/machine/cluster-view.ts: an EKS cluster that appears is shown).
 */
import type { Scenario, ScenarioView } from '../../formats/scenario-types.ts';
import type { ClusterView } from '../eks-types.ts';

const CLUSTER_VIEW: Readonly<Record<ScenarioView, ClusterView>> = {
  ecs: 'ECS',
  eks: 'EKS',
  'side-by-side': 'SIDE_BY_SIDE',
};

/** The machine's view for a scenario file's `view:` value. */
export function clusterViewOf(view: ScenarioView): ClusterView {
  return CLUSTER_VIEW[view];
}

/**
 * The view the scenario asks for at step `stepIndex` (0-based): the `view:` of that step or the
 * nearest step before it that has one, else the scenario's top-level `view:`; undefined if none.
 */
export function scenarioViewAt(scenario: Scenario, stepIndex: number): ClusterView | undefined {
  for (let i = Math.min(stepIndex, scenario.steps.length - 1); i >= 0; i--) {
    const view = scenario.steps[i]?.view;
    if (view !== undefined) return clusterViewOf(view);
  }
  return scenario.view === undefined ? undefined : clusterViewOf(scenario.view);
}

/**
 * The view to set when the player moves from step `from` to step `to`: what the scenario asks
 * for at `to` when that differs from what it asked for at `from`; otherwise undefined (the
 * learner's choice stays).
 */
export function viewRequestOnMove(
  scenario: Scenario,
  from: number,
  to: number,
): ClusterView | undefined {
  if (from === to) return undefined;
  const asked = scenarioViewAt(scenario, to);
  return asked !== scenarioViewAt(scenario, from) ? asked : undefined;
}
