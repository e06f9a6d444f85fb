/**
 * The task table behind SimState.tasks (src/sim/task-table.ts) must behave exactly like the plain
 * record it replaced: same entries, same iteration order (insertion order; a rewrite keeps its
 * place; delete then re-add moves to the end), and every finished table immutable while later ones
 * are derived from it (undo keeps old states). These tests run random writes, deletes and re-adds
 * over chains and branches of tables with random compaction bounds next to a plain record per
 * table, and compare everything after each operation; a broken overlay, tombstone or compaction
 * fails them. The last tests check what outside readers see of a finished state's `tasks`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Draft } from '../../src/sim/draft.ts';
import { TaskTable, taskTableOf } from '../../src/sim/task-table.ts';
import { advance, type SimState, type Task } from '../../src/sim/index.ts';
import { apply, clusterWith, register, taskDef } from './helpers.ts';

/** Stand-in tasks: the table never looks inside a task. */
function task(id: string, v: number): Task {
  return { id, v } as unknown as Task;
}

type Op =
  | { kind: 'set'; id: number; v: number }
  | { kind: 'delete'; id: number }
  /** Ends the operation: seal with `limit` and derive the next one from snapshot `from` (mod count). */
  | { kind: 'seal'; limit: number; from: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('set' as const), id: fc.nat(40), v: fc.nat(1000) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), id: fc.nat(40) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('seal' as const),
      limit: fc.oneof(fc.constant(0), fc.nat(12), fc.constant(1000)),
      from: fc.nat(50),
    }),
  },
);

/** Ids that look like task ids but are never array indices (records order those first). */
const idOf = (n: number): string => `t${n.toString(16).padStart(3, '0')}`;

function expectSame(table: TaskTable, model: Record<string, Task>): void {
  const entries = Object.entries(model);
  expect([...table.entries()]).toEqual(entries);
  const seen: [string, Task][] = [];
  table.forEach((t, id) => seen.push([id, t]));
  expect(seen).toEqual(entries);
  expect(table.keys()).toEqual(Object.keys(model));
  expect(table.values()).toEqual(Object.values(model));
  expect(table.size).toBe(entries.length);
  for (let n = 0; n <= 40; n++) {
    const id = idOf(n);
    expect(table.get(id)).toBe(model[id]);
    expect(table.has(id)).toBe(id in model);
  }
  expect(Object.entries(table.record())).toEqual(entries);
}

describe('TaskTable against a plain record', () => {
  it('same entries, order and lookups under random writes, deletes, re-adds, branches and compactions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(40), fc.nat(1000)), { maxLength: 40 }),
        fc.array(op, { minLength: 1, maxLength: 200 }),
        (initial, ops) => {
          const start: Record<string, Task> = {};
          for (const [n, v] of initial) start[idOf(n)] = task(idOf(n), v);
          // Finished tables and the record each must still equal (immutability across branches).
          const snapshots: { table: TaskTable; model: Record<string, Task> }[] = [
            { table: TaskTable.fromRecord(start), model: { ...start } },
          ];
          let table = (snapshots[0] as { table: TaskTable }).table.derive();
          let model: Record<string, Task> = { ...start };
          for (const o of ops) {
            if (o.kind === 'set') {
              const t = task(idOf(o.id), o.v);
              table.set(t.id, t);
              model[t.id] = t;
              expect(table.get(t.id)).toBe(t);
            } else if (o.kind === 'delete') {
              const id = idOf(o.id);
              expect(table.delete(id)).toBe(id in model);
              delete model[id];
              expect(table.has(id)).toBe(false);
            } else {
              const sealed = table.seal(o.limit);
              if (o.limit === 0) expect(sealed.overlaySize).toBe(0);
              expect(() => sealed.set('t000', task('t000', 0))).toThrow();
              expectSame(sealed, model);
              snapshots.push({ table: sealed, model });
              const from = snapshots[o.from % snapshots.length] as (typeof snapshots)[number];
              table = from.table.derive();
              model = { ...from.model };
            }
            expect(table.size).toBe(Object.keys(model).length);
          }
          expectSame(table, model);
          for (const s of snapshots) expectSame(s.table, s.model);
        },
      ),
      { numRuns: 200 },
    );
  }, 30_000);

  it('compacts by default once the overlay passes its bound, and keeps order doing so', () => {
    const start: Record<string, Task> = {};
    for (let n = 0; n < 400; n++) start[idOf(n)] = task(idOf(n), n);
    let table = TaskTable.fromRecord(start);
    const model = { ...start };
    let compactions = 0;
    for (let round = 0; round < 60; round++) {
      const w = table.derive();
      // Rewrite one, delete one and re-add an older one: the overlay grows by a few per round.
      const a = idOf((round * 7) % 400);
      const b = idOf((round * 13 + 1) % 400);
      const ta = task(a, -round);
      w.set(a, ta);
      model[a] = ta;
      w.delete(b);
      delete model[b];
      const c = idOf((round * 13 + 1 - 26 + 400) % 400);
      const tc = task(c, 1000 + round);
      w.set(c, tc);
      model[c] = tc;
      const before = w.overlaySize;
      table = w.seal();
      if (table.overlaySize < before) compactions += 1;
      expectSame(table, model);
    }
    expect(compactions).toBeGreaterThan(0);
  });
});

describe('finished states and their tasks', () => {
  function busy(): SimState[] {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      taskDef(),
    );
    const states: SimState[] = [s];
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'web',
      taskDefinition: 'app',
      desiredCount: 4,
      launchType: 'EC2',
    });
    states.push(s);
    for (let i = 0; i < 6; i++) {
      s = advance(s, 20_000);
      states.push(s);
    }
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 1 });
    states.push(s, advance(s, 3 * 3_600_000));
    return states;
  }

  it('read as plain records through JSON, structuredClone and spread, and keep their identity while no task changes', () => {
    const states = busy();
    for (const s of states) {
      const table = taskTableOf(s);
      expect(Object.keys(s.tasks)).toEqual(table.keys());
      expect(s.tasks).toBe(s.tasks);
      expect({ ...s }.tasks).toBe(s.tasks);
      expect(JSON.parse(JSON.stringify(s)).tasks).toEqual(s.tasks);
      expect(structuredClone(s).tasks).toEqual(s.tasks);
      expect(Object.keys(structuredClone(s))).toEqual(Object.keys(s));
    }
    // A step that writes no task hands the same record on (the renderer's change test).
    const last = states.at(-1) as SimState;
    const quiet = advance(last, 1000);
    expect(quiet).not.toBe(last);
    expect(quiet.tasks).toBe(last.tasks);
  });

  it('a state rebuilt from JSON (a save) runs on exactly as the original', () => {
    for (const s of busy().slice(1)) {
      const loaded = JSON.parse(JSON.stringify(s)) as SimState;
      const a = advance(
        apply(s, { type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 3 }),
        60_000,
      );
      const b = advance(
        apply(loaded, { type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 3 }),
        60_000,
      );
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(new Draft(loaded).tasks.keys()).toEqual(Object.keys(s.tasks));
    }
  });
});
