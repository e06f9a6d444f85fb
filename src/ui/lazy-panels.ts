/**
 * Panels of `<cp-app>` that the first frame does not need: their elements are defined when their
 * chunk arrives, right after start (lit upgrades the tags already in the layout), so the initial
 * JavaScript stays small (issue 8). Tests and embedders that need one at once import its module.
 */
export const lazyPanelsReady: Promise<unknown> = Promise.all([
  import('./cp-palette.ts'),
  import('./cp-inspector.ts'),
  import('./cp-actions.ts'),
  import('./cp-traffic-panel.ts'),
  import('./cp-cost-panel.ts'),
  import('./cp-saves.ts'),
  import('./cp-terminal.ts'),
  import('./cp-eks-controls.ts'),
  import('./cp-event-log.ts'),
  import('./cp-announcer.ts'),
]);
