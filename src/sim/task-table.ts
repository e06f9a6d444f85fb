/**
 * The task table behind SimState.tasks (issue 8): a structurally shared, copy-on-write map of task id
 * to Task, so an operation that writes k tasks of N costs O(k) (plus a small overlay copy), not the
 * O(N) copy of a 10,000-entry record.
 *
 * A table is a shared, never-mutated `base` Map plus a small overlay of its own: `over` holds base
 * keys rewritten (the new Task) or deleted (null, a tombstone), `added` holds keys not live in the
 * base, in insertion order. A draft writes into a derived table (the overlay maps copied, the base
 * shared); when the overlay grows past a bound (compactAt) the finished table is compacted into a
 * new base, so copies are amortised O(1) per write.
 *
 * Iteration order is exactly a plain record's for these keys: insertion order; rewriting a live key
 * keeps its place; deleting then re-adding a key moves it to the end (a tombstoned base key re-added
 * goes to `added`). Task ids are never array indices (V8/ECMAScript orders those first in records):
 * tests/sim/task-table.test.ts checks the equivalence.
 *
 * Outside readers (UI, render, tests, saves) keep reading `state.tasks` as a plain record: finished
 * states carry an enumerable getter that materialises the record once per table (cached), so JSON,
 * structuredClone and object spread see an ordinary record. Hot paths in src/sim read the table
 * through the Draft (Draft.tasks) and never materialise it.
 */
import type { SimState, Task } from './model.ts';

/** What a reader needs to look tasks up (a TaskTable, or anything shaped like it). */
export interface TaskLookup {
  get(id: string): Task | undefined;
}

/** The overlay (rewrites + tombstones + added keys) is compacted once it holds more than this. */
export function compactAt(size: number): number {
  return Math.max(64, Math.ceil(Math.sqrt(size) * 8));
}

const EMPTY_BASE: ReadonlyMap<string, Task> = new Map();

export class TaskTable implements TaskLookup {
  /** The materialised record (built on first ask, or the record this table was built from). */
  private rec: Readonly<Record<string, Task>> | undefined;
  private sealed = false;

  private constructor(
    private readonly base: ReadonlyMap<string, Task>,
    private readonly over: Map<string, Task | null>,
    private readonly added: Map<string, Task>,
    private n: number,
  ) {}

  /** A sealed table holding a record's entries in its order (the record is kept as its view). */
  static fromRecord(rec: Readonly<Record<string, Task>>): TaskTable {
    const base = new Map<string, Task>();
    for (const id in rec) base.set(id, rec[id] as Task);
    const t = new TaskTable(base, new Map(), new Map(), base.size);
    t.rec = rec;
    t.sealed = true;
    return t;
  }

  /** An empty sealed table. */
  static empty(): TaskTable {
    const t = new TaskTable(EMPTY_BASE, new Map(), new Map(), 0);
    t.sealed = true;
    return t;
  }

  get size(): number {
    return this.n;
  }

  /** Entries in the overlay (rewrites, tombstones and added keys): what the next derive copies. */
  get overlaySize(): number {
    return this.over.size + this.added.size;
  }

  get(id: string): Task | undefined {
    // A key live in the base is never in `added` (only new or tombstoned keys go there).
    const o = this.over.get(id);
    if (o !== undefined) return o ?? this.added.get(id);
    return this.base.get(id) ?? this.added.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Calls fn for every task in record order. */
  forEach(fn: (task: Task, id: string) => void): void {
    const over = this.over;
    if (over.size === 0) {
      for (const [id, t] of this.base) fn(t, id);
    } else {
      for (const [id, t] of this.base) {
        const o = over.get(id);
        if (o === undefined) fn(t, id);
        else if (o !== null) fn(o, id);
      }
    }
    for (const [id, t] of this.added) fn(t, id);
  }

  *entries(): IterableIterator<[string, Task]> {
    const over = this.over;
    for (const [id, t] of this.base) {
      const o = over.get(id);
      if (o === undefined) yield [id, t];
      else if (o !== null) yield [id, o];
    }
    yield* this.added;
  }

  /** Task ids in record order. */
  keys(): string[] {
    const out: string[] = [];
    this.forEach((_t, id) => out.push(id));
    return out;
  }

  /** Tasks in record order. */
  values(): Task[] {
    const out: Task[] = [];
    this.forEach((t) => out.push(t));
    return out;
  }

  /** The plain record view (same keys, same order), built once per table. */
  record(): Readonly<Record<string, Task>> {
    if (this.rec) return this.rec;
    const out: Record<string, Task> = {};
    this.forEach((t, id) => {
      out[id] = t;
    });
    if (this.sealed) this.rec = out;
    return out;
  }

  /** A writable table with this one's entries: the base is shared, the overlay copied. */
  derive(): TaskTable {
    return new TaskTable(this.base, new Map(this.over), new Map(this.added), this.n);
  }

  private writable(): void {
    if (this.sealed) throw new Error('TaskTable: a finished table is immutable');
  }

  set(id: string, task: Task): void {
    this.writable();
    if (this.added.has(id)) {
      this.added.set(id, task);
      return;
    }
    if (this.base.has(id) && this.over.get(id) !== null) {
      this.over.set(id, task);
      return;
    }
    this.added.set(id, task);
    this.n += 1;
  }

  delete(id: string): boolean {
    this.writable();
    if (this.added.delete(id)) {
      this.n -= 1;
      return true;
    }
    if (this.base.has(id) && this.over.get(id) !== null) {
      this.over.set(id, null);
      this.n -= 1;
      return true;
    }
    return false;
  }

  /**
   * Ends writing: returns an immutable table with these entries, compacted into a fresh base when
   * the overlay has grown past `limit` (default compactAt; so the next derive copies little).
   */
  seal(limit = compactAt(this.n)): TaskTable {
    this.writable();
    if (this.overlaySize <= limit) {
      this.sealed = true;
      return this;
    }
    const base = new Map<string, Task>();
    this.forEach((t, id) => base.set(id, t));
    const out = new TaskTable(base, new Map(), new Map(), base.size);
    out.sealed = true;
    return out;
  }
}

/** The table behind a finished state's `tasks` getter. */
const stateTables = new WeakMap<object, TaskTable>();
/** Tables built from plain records (states made outside a Draft: tests, loads, spreads). */
const recordTables = new WeakMap<object, TaskTable>();

/** The task table of a state: its own, or one built (once per record) from its plain record. */
export function taskTableOf(state: SimState): TaskTable {
  const own = stateTables.get(state);
  if (own) return own;
  const rec = state.tasks;
  let t = recordTables.get(rec);
  if (!t) {
    t = TaskTable.fromRecord(rec);
    recordTables.set(rec, t);
  }
  return t;
}

function tasksGetter(this: object): Readonly<Record<string, Task>> {
  let t = stateTables.get(this);
  for (let o = Object.getPrototypeOf(this) as object | null; o && !t; o = Object.getPrototypeOf(o))
    t = stateTables.get(o);
  if (!t) throw new Error('SimState.tasks: state has no task table');
  // The getter stays: redefining `tasks` as a data property here would turn the state object into a
  // dictionary-mode object in V8 (every later read of any of its fields slower; scenario replay
  // was ~20 % slower, issue 8). record() is cached per table, so a read costs a WeakMap lookup.
  const rec = t.record();
  recordTables.set(rec, t);
  return rec;
}

/**
 * Gives `state` (a new object, not yet shared) an enumerable `tasks` getter backed by `table`: the
 * record is materialised on first read and cached, so JSON, structuredClone and spread see a record.
 */
export function defineTasks(state: object, table: TaskTable): void {
  stateTables.set(state, table);
  Object.defineProperty(state, 'tasks', {
    get: tasksGetter,
    enumerable: true,
    configurable: true,
  });
}
