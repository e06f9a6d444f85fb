/**
 * Cost of the simulated infrastructure: the price table, one-shot cost functions, the per-step
 * ledger, the EC2-vs-Fargate comparison, and Spot interruption timing. All pure.
 */
export * from './prices.ts';
export * from './billing.ts';
export * from './ledger.ts';
export * from './compare.ts';
export * from './spot-interruptions.ts';
export * from './meter.ts';
