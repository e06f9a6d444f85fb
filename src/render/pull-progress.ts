/** Pure part of the image-pull indicator (pull-view.ts), testable without Pixi. */
import type { Task } from '../sim/model.ts';

/** Pure: 0…1 share of the pull elapsed, or undefined when the task is not pulling now. */
export function pullProgress(task: Task, now: number): number | undefined {
  const pull = task.imagePull;
  if (!pull || task.lastStatus !== 'PENDING' || task.desiredStatus === 'STOPPED') return undefined;
  if (now >= pull.endsAt) return undefined;
  const span = Math.max(1, pull.endsAt - pull.startedAt);
  return Math.min(1, Math.max(0, (now - pull.startedAt) / span));
}
