#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx's loader compiles src/cli/main.ts on the fly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
