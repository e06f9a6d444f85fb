/**
 * Issue 9: undo returns the exact earlier state. Random sequences of user actions and faults go
 * through the cluster machine (COMMAND events, with simulated time passing between them); then
 * UNDO, one command at a time, must give back the state seen just before that command, field for
 * field (only `version` differs: it keeps increasing so renderers redraw). REDO right after UNDO
 * gives back the state before the undo.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { clusterMachine } from '../../src/machine/index.ts';
import type { SimState } from '../../src/sim/index.ts';
import {
  PROPERTY_TIMEOUT,
  actionArb,
  buildCluster,
  clusterArb,
  commandFor,
  params,
} from './ecs-model.ts';

const withoutVersion = ({ version: _v, ...rest }: SimState) => rest;

describe('undo', () => {
  it(
    'each UNDO gives back the exact state before the undone command; REDO re-applies it',
    () => {
      fc.assert(
        fc.property(
          clusterArb,
          fc.array(actionArb, { minLength: 1, maxLength: 15 }),
          (spec, actions) => {
            const actor = createActor(clusterMachine, { input: { sim: buildCluster(spec) } });
            actor.start();
            actor.send({ type: 'PAUSE' });
            const sim = () => actor.getSnapshot().context.sim;
            const logLength = () => actor.getSnapshot().context.commandLog.length;
            const before: SimState[] = [];
            actions.forEach((a, i) => {
              if (a.kind === 'wait') {
                for (let k = 0; k < Math.min(a.seconds, 90); k++) actor.send({ type: 'STEP' });
                return;
              }
              const command = commandFor(sim(), a, i);
              if (!command) return;
              const was = sim();
              const n = logLength();
              actor.send({ type: 'COMMAND', command });
              if (logLength() > n) before.push(was);
              actor.send({ type: 'STEP' });
            });
            while (before.length > 0) {
              const beforeUndo = sim();
              actor.send({ type: 'UNDO' });
              const expected = before.pop() as SimState;
              expect(withoutVersion(sim())).toEqual(withoutVersion(expected));
              expect(sim().version).toBeGreaterThan(beforeUndo.version);
              if (before.length % 2 === 0) {
                actor.send({ type: 'REDO' });
                expect(withoutVersion(sim())).toEqual(withoutVersion(beforeUndo));
                actor.send({ type: 'UNDO' });
                expect(withoutVersion(sim())).toEqual(withoutVersion(expected));
              }
            }
            actor.stop();
          },
        ),
        params(9_501, 25),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
