/**
 * The UI layer's public face: importing it defines every `cp-*` element. Components send events to
 * the cluster actor and hold no cluster state.
 */
export * from './cp-app.ts';
export * from './cp-toolbar.ts';
export * from './cp-inspector.ts';
export * from './cp-event-log.ts';
export * from './cp-actions.ts';
export * from './cp-alert.ts';
export * from './actor-controller.ts';
export * from './actor-context.ts';
export * from './cp-terminal.ts';
export * from './cp-eks-controls.ts';
