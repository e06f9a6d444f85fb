/**
 * Each task's requests and CPU in the last step, as the traffic view draws them (glow and request
 * particles), read into reused arrays: what `forEachTaskTraffic` (task-traffic.ts) hands its callback, in
 * the same order (services by name, tasks in their routing's `running` order), without its
 * per-task records. The numbers come from the simulation's own pure functions (`routedRps`,
 * `taskUtilization`); the CPU of a (profile, cpu, memory, rps, failing) input is kept once asked,
 * so a new snapshot allocates nothing per task (issue 8: ~300 KB per snapshot at 1,000 tasks).
 * Pure and deterministic like the rest of the traffic model; the canvas's traffic view reads it.
 */
import type { Task } from '../model.ts';
import type { TrafficState } from './state.ts';
import type { AppProfile } from './utilization.ts';
import { taskUtilization } from './utilization.ts';
import { routedPositions, routedRps } from './task-traffic.ts';

/** Entries kept per application profile before the memo starts again (a power of two). */
const MEMO_SIZE = 1024;

/**
 * CPU % by (cpu, memory, rps, failing) for one application profile: an open-addressing table of
 * numbers (no object per entry), at most half full, started again when it would be fuller.
 */
class CpuMemo {
  /** Four numbers per entry (cpu, memory, rps, failing 0/1); NaN marks a free entry. */
  private readonly keys = new Float64Array(MEMO_SIZE * 4).fill(NaN);
  /** CPU % of each entry (read by the caller: a number returned would be boxed, 16 B a task). */
  readonly values = new Float64Array(MEMO_SIZE);
  private used = 0;

  constructor(private readonly app: AppProfile) {}

  /** The entry holding the CPU % of a task of `serviceName` with this load (asked once). */
  entry(
    id: string,
    serviceName: string,
    cpu: number,
    memory: number,
    rps: number,
    failing: boolean,
  ): number {
    const f = failing ? 1 : 0;
    const keys = this.keys;
    if (this.used >= MEMO_SIZE / 2) {
      keys.fill(NaN);
      this.used = 0;
    }
    let e =
      (Math.imul(cpu | 0, 0x9e3779b1) ^
        Math.imul(memory | 0, 0x85ebca6b) ^
        Math.imul((rps * 16) | 0, 0xc2b2ae35) ^
        f) &
      (MEMO_SIZE - 1);
    for (;;) {
      const k = e * 4;
      const c = keys[k]!;
      if (c !== c) break; // free (NaN)
      if (c === cpu && keys[k + 1] === memory && keys[k + 2] === rps && keys[k + 3] === f) return e;
      e = (e + 1) & (MEMO_SIZE - 1);
    }
    // Not seen yet: the model's answer (the same call forEachTaskTraffic makes).
    const k = e * 4;
    keys[k] = cpu;
    keys[k + 1] = memory;
    keys[k + 2] = rps;
    keys[k + 3] = f;
    this.values[e] = taskUtilization(
      { taskId: id, serviceName, cpu, memory, rps, ...(failing ? { failing: true } : {}) },
      this.app,
    ).cpuPercent;
    this.used++;
    return e;
  }
}

/** The last step's per-task load, read by `read` into `ids`, `rps` and `cpu` [0, count). */
export class TaskLoadReader {
  readonly ids: string[] = [];
  rps = new Float64Array(256);
  cpu = new Float64Array(256);
  count = 0;
  private readonly memos = new WeakMap<AppProfile, CpuMemo>();

  /** Reads every RUNNING task of a routed service (forEachTaskTraffic's tasks and order). */
  read(tr: TrafficState, tasks: Readonly<Record<string, Task>>): void {
    let n = 0;
    const names = Object.keys(tr.routing).sort();
    for (let s = 0; s < names.length; s++) {
      const name = names[s]!;
      const r = tr.routing[name]!;
      let memo = this.memos.get(r.app);
      if (!memo) this.memos.set(r.app, (memo = new CpuMemo(r.app)));
      // Routed in running order (the same array): a task's position is its index.
      const same = r.routed === r.running;
      const pos = same ? undefined : routedPositions(r.routed);
      const running = r.running;
      const anyFailing = r.failing.length > 0;
      for (let i = 0; i < running.length; i++) {
        const id = running[i]!;
        const task = tasks[id];
        if (!task) continue;
        const rps = routedRps(r, same ? i : pos!.get(id));
        const failing = anyFailing && r.failing.includes(id);
        if (n === this.rps.length) this.grow();
        this.ids[n] = id;
        this.rps[n] = rps;
        this.cpu[n] = memo.values[memo.entry(id, name, task.cpu, task.memory, rps, failing)]!;
        n++;
      }
    }
    this.count = n;
    // Drop references to tasks no longer read (the array keeps its length otherwise).
    if (this.ids.length > n * 2 + 64) this.ids.length = n;
  }

  private grow(): void {
    const rps = new Float64Array(this.rps.length * 2);
    const cpu = new Float64Array(this.cpu.length * 2);
    rps.set(this.rps);
    cpu.set(this.cpu);
    this.rps = rps;
    this.cpu = cpu;
  }
}
