/**
 * The Node entry point: wires runCli to the real file system and process streams.
 * Started by bin/cluster-playground.mjs (through tsx); sets process.exitCode, never exits early
 * so buffered output is flushed.
 */
import { readFileSync } from 'node:fs';
import type { CliIo } from './cli-io.ts';
import { runCli } from './command-table.ts';
// The EKS simulation, registered eagerly: scenarios and experiments may bring an EKS cluster.
import '../sim/eks-simulation.ts';

const nodeIo: CliIo = {
  readFile: (path) => readFileSync(path, 'utf8'),
  stdout: (line) => void process.stdout.write(`${line}\n`),
  stderr: (line) => void process.stderr.write(`${line}\n`),
};

process.exitCode = await runCli(process.argv.slice(2), nodeIo);
