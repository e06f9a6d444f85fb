/** The terminal core: tokenizer, dispatcher and the engines registered in engines.ts. */
export * from './types.ts';
export { ENGINES } from './engines.ts';
export { tokenize } from './tokenize.ts';
export { runTerminalLine, completeTerminalLine, BUILTINS } from './dispatch.ts';
export type { TerminalRun, Completion } from './dispatch.ts';
export { kubectlEngine, NO_CLUSTER_MESSAGE } from './kubectl-engine.ts';
