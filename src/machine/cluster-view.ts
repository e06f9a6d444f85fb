/**
 * Which cluster(s) the canvas shows when the shown SimState changes. The view is the learner's
 * choice (SET_VIEW, <cp-eks-controls>), with one rule of its own: an EKS cluster that appears
 * while the canvas shows only ECS is shown. It appears by the Create EKS button (CREATE_EKS), and
 * just as well by a LOADed state — a scenario step (the scenario mirror receives every player
 * state by LOAD), a save, a share link — or a redone or applied CREATE_EKS_CLUSTER. Without this
 * rule a scenario about pods showed only the ECS cluster, with the view switch hidden. A machine
 * started with a state that already has one (a scenario deep link at a later step) starts in 'EKS'.
 */
import type { SimState } from '../sim/model.ts';
import { CLUSTER_VIEWS, type ClusterView } from './eks-types.ts';

/**
 * The view after the shown state went from `before` to `after`: 'EKS' when an EKS cluster
 * appeared and only ECS was shown; otherwise `view` unchanged (the learner's 'Side by side' or
 * 'ECS' choice with an EKS cluster already there is kept; without one the canvas shows ECS anyway).
 */
export function viewAfter(view: ClusterView, before: SimState, after: SimState): ClusterView {
  return view === 'ECS' && after.eks !== undefined && before.eks === undefined ? 'EKS' : view;
}

/** The view of a machine started with `sim` and no view given: its EKS cluster if it has one. */
export function initialView(sim: SimState): ClusterView {
  return sim.eks === undefined ? 'ECS' : 'EKS';
}

/**
 * The views that show something in `sim`: ECS alone without an EKS cluster; EKS alone when the ECS
 * cluster is empty (no instance, service or task: an EKS-only scenario); all three otherwise.
 */
export function viewsFor(sim: SimState): readonly ClusterView[] {
  if (sim.eks === undefined) return ['ECS'];
  const ecsEmpty =
    Object.keys(sim.instances).length === 0 &&
    Object.keys(sim.services).length === 0 &&
    Object.keys(sim.tasks).length === 0;
  return ecsEmpty ? ['EKS'] : CLUSTER_VIEWS;
}

/**
 * The view after `view` in the cycle ECS → EKS → Side by side → ECS, among viewsFor(sim) (the
 * presenter's V key); `undefined` when there is nothing else to show. Without an EKS cluster
 * every view shows the ECS cluster, so the view is left as it is (a scenario's `view:` asked
 * for before its EKS cluster exists stays asked for).
 */
export function nextView(view: ClusterView, sim: SimState): ClusterView | undefined {
  if (sim.eks === undefined) return undefined;
  const views = viewsFor(sim);
  const start = CLUSTER_VIEWS.indexOf(view);
  for (let i = 1; i <= CLUSTER_VIEWS.length; i++) {
    const candidate = CLUSTER_VIEWS[(start + i) % CLUSTER_VIEWS.length] as ClusterView;
    if (views.includes(candidate)) return candidate === view ? undefined : candidate;
  }
  return undefined;
}
