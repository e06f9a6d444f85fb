/**
 * Every terminal engine, one line each. The kubectl engine and the aws/docker engines register
 * here; the dispatcher picks by the command line's first word.
 */
import type { TerminalEngine } from './types.ts';
import { kubectlEngine } from './kubectl-engine.ts';
import { awsEngine } from './aws-engine.ts';
import { dockerEngine } from './docker-engine.ts';

export const ENGINES: readonly TerminalEngine[] = [kubectlEngine, awsEngine, dockerEngine];
