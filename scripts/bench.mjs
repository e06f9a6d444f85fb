#!/usr/bin/env node
// `npm run bench`: prints the simulation and frame-time figures. Budgets are read from this output,
// never asserted by timed tests. Exits non-zero only when a part could not be measured.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';

const parts = [
  { name: 'simulation (node)', cmd: process.execPath, args: ['--import', 'tsx', 'scripts/bench-sim.ts'], file: 'scripts/bench-sim.ts' },
  { name: 'frame time (headless Chromium)', cmd: process.execPath, args: ['scripts/bench-frame.mjs'], file: 'scripts/bench-frame.mjs' },
];

console.log(`Cluster Playground bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
let failed = 0;
for (const part of parts) {
  console.log(`\n## ${part.name}`);
  if (!existsSync(part.file)) {
    console.log(`(missing ${part.file})`);
    failed++;
    continue;
  }
  const res = spawnSync(part.cmd, part.args, { stdio: 'inherit' });
  if (res.status !== 0) {
    console.log(`(${part.name} could not be measured: exit ${res.status})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
