/**
 * The simulated Amazon ECR registry and image pulls: pure, deterministic modules the ECS and
 * Kubernetes cores call (build → push → resolve → pull). See each module for the AWS rules it encodes.
 */
export * from './types.ts';
export * from './digest.ts';
export * from './image-reference.ts';
export * from './errors.ts';
export * from './manifest.ts';
export * from './catalogue.ts';
export * from './repository.ts';
export * from './resolve.ts';
export * from './build.ts';
export * from './push.ts';
export * from './scan.ts';
export * from './images.ts';
export * from './lifecycle.ts';
export * from './pull.ts';
export * from './pull-errors.ts';
export * from './workstation.ts';
