/**
 * A free list of views: `acquire` reuses a released view before creating one, so tasks that come and
 * go (crash, replace, scale) do not churn Pixi objects or GPU buffers.
 */
export class Pool<T> {
  private readonly free: T[] = [];
  private created = 0;

  /** @param create builds a new view when the free list is empty. */
  constructor(private readonly create: () => T) {}

  /** A released view, or a new one. */
  acquire(): T {
    const v = this.free.pop();
    if (v !== undefined) return v;
    this.created++;
    return this.create();
  }

  /** Gives a view back; the caller has already hidden it. */
  release(view: T): void {
    this.free.push(view);
  }

  /** Views waiting for reuse. */
  get size(): number {
    return this.free.length;
  }

  /** Views ever created by this pool. */
  get createdCount(): number {
    return this.created;
  }

  /** Empties the free list, calling `dispose` on each view. */
  drain(dispose: (view: T) => void): void {
    for (const v of this.free) dispose(v);
    this.free.length = 0;
  }
}
