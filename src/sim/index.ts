/**
 * The public face of the simulation core. Everything outside src/sim imports from here.
 * Pure and deterministic: same seed and same commands at the same simulated times → same states.
 */
export * from './model.ts';
export * from './commands.ts';
export * from './rng.ts';
export * from './instance-types.ts';
