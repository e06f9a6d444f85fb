/**
 * The machine layer's public face: the cluster machine, its clock arithmetic and exact replay.
 * Imports only src/sim (and later src/formats); the UI drives it with events.
 */
export * from './cluster-machine.ts';
export * from './sim-clock.ts';
export * from './replay.ts';
export * from './history.ts';
export * from './eks-types.ts';
export * from './experiment.ts';
export * from './drop-commands.ts';
export * from './palette-library.ts';
export * from './task-definition-editing.ts';
export * from './service-editing.ts';
export { albNameFor, DEFAULT_SITE } from './drop-more.ts';
export * from './palette-library-parse.ts';
