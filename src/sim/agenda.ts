/**
 * The agenda of `advance`: when each task next has work (a due lifecycle transition, or a STOPPED
 * task's retention expiry), as a binary min-heap of (time, task id) with lazy deletion, so a step
 * visits only the tasks that are due instead of scanning every task (10,000-task clusters).
 * An entry is valid while its task still has exactly that work time (`taskWorkAt`); every task write
 * pushes the task's new time, and stale entries are dropped when popped. Pure memoisation of the
 * scan: which tasks a step processes (sorted by id, as before) is unchanged.
 */
import type { Task } from './model.ts';
import { STOPPED_TASK_RETENTION_MS } from './model.ts';
import type { TaskLookup, TaskTable } from './task-table.ts';

/** When a task next has work for `advance`: its next transition, or its STOPPED retention expiry. */
export function taskWorkAt(t: Task): number {
  if (t.nextTransitionAt !== undefined) return t.nextTransitionAt;
  // A STOPPED task without stoppedAt never expires (as before: its expiry was always "now + 1 h").
  if (t.lastStatus === 'STOPPED' && t.stoppedAt !== undefined)
    return t.stoppedAt + STOPPED_TASK_RETENTION_MS;
  return Infinity;
}

/** A min-heap of (time, id), ordered by time then id. */
export class Agenda {
  private times: number[] = [];
  private ids: string[] = [];

  /** Builds the agenda of a whole tasks record. */
  static of(tasks: TaskTable): Agenda {
    const a = new Agenda();
    tasks.forEach((t, id) => a.push(taskWorkAt(t), id));
    return a;
  }

  get size(): number {
    return this.times.length;
  }

  push(at: number, id: string): void {
    if (at === Infinity) return;
    const times = this.times;
    const ids = this.ids;
    let i = times.length;
    times.push(at);
    ids.push(id);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(at, id, times[p] as number, ids[p] as string)) break;
      times[i] = times[p] as number;
      ids[i] = ids[p] as string;
      i = p;
    }
    times[i] = at;
    ids[i] = id;
  }

  /**
   * Removes every entry due at `now` and sorts the valid ones into `due` (a transition is due) and
   * `expired` (a STOPPED task's retention ended). Each id appears at most once.
   */
  popDue(now: number, tasks: TaskLookup, due: string[], expired: string[]): void {
    let seen: Set<string> | undefined;
    while (this.times.length > 0 && (this.times[0] as number) <= now) {
      const at = this.times[0] as number;
      const id = this.ids[0] as string;
      this.pop();
      const t = tasks.get(id);
      if (!t || taskWorkAt(t) !== at) continue;
      if ((seen ??= new Set()).has(id)) continue;
      seen.add(id);
      (t.nextTransitionAt !== undefined ? due : expired).push(id);
    }
  }

  private pop(): void {
    const times = this.times;
    const ids = this.ids;
    const lastT = times.pop() as number;
    const lastId = ids.pop() as string;
    const n = times.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c =
        r < n && less(times[r] as number, ids[r] as string, times[l] as number, ids[l] as string)
          ? r
          : l;
      if (!less(times[c] as number, ids[c] as string, lastT, lastId)) break;
      times[i] = times[c] as number;
      ids[i] = ids[c] as string;
      i = c;
    }
    times[i] = lastT;
    ids[i] = lastId;
  }
}

function less(at: number, id: string, bt: number, bid: string): boolean {
  return at < bt || (at === bt && id < bid);
}
