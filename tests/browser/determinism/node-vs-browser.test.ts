/**
 * Issue 9: the same seed and actions give identical states in node and in the browser. The shared
 * workload (tests/determinism/workload.ts) is played here in Chromium and, through the
 * `determinism-digests` server command, in the test runner's node process; every checkpoint's state
 * digest must match. Nothing is hard-coded: both sides are computed fresh on every run.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { RUNS, playRun, type RunDigests } from '../../determinism/workload.ts';

/** The part of mocha's test context used here (the repo has no @types/mocha). */
interface Mocha {
  timeout(ms: number): void;
}

describe('node vs browser determinism', () => {
  let fromNode: RunDigests[];

  before(async function (this: Mocha) {
    this.timeout(180_000);
    fromNode = await executeServerCommand<RunDigests[], { runs: typeof RUNS }>(
      'determinism-digests',
      { runs: RUNS },
    );
  });

  it('node computed every run (the server command answered)', () => {
    expect(fromNode.map((r) => r.run)).to.deep.equal([...RUNS]);
    for (const r of fromNode) expect(r.checkpoints.length).to.be.above(2);
  });

  for (const [i, run] of RUNS.entries()) {
    it(`${run.kind} seed ${run.seed}, ${run.actions} actions: Chromium's digests equal node's at every checkpoint`, function () {
      (this as Mocha).timeout(120_000);
      const here = playRun(run);
      const there = fromNode[i];
      if (!there) throw new Error(`node has no run ${i}`);
      const firstDiff = here.checkpoints.findIndex(
        (c, k) => c.digest !== there.checkpoints[k]?.digest,
      );
      expect(
        firstDiff,
        firstDiff < 0
          ? ''
          : `runs diverge after ${here.checkpoints[firstDiff]?.afterActions} actions (-1 = the idle tail): browser ${here.checkpoints[firstDiff]?.digest}, node ${there.checkpoints[firstDiff]?.digest}`,
      ).to.equal(-1);
      expect(here.checkpoints).to.deep.equal(there.checkpoints);
      // The state moved: a digest that never changes would compare nothing.
      expect(new Set(here.checkpoints.map((c) => c.digest)).size).to.be.above(2);
    });
  }
});
