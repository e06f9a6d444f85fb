/**
 * Records the traffic step made in the current Draft, so later steps of the same `advance` can
 * update them in place instead of copying them again (issue 8: an `advance` of a simulated minute
 * runs 60 steps, and each step rewrote every service's load, target group, load balancer, stats
 * and routing records — about a dozen new objects per service per step).
 *
 * Safe because a record made during a Draft is seen by nobody outside it until `finish()` hands
 * the new state out, and the Draft (and with it this ownership) is dropped then: the next
 * operation starts from immutable records again and copies before it writes, as the Draft does for
 * tasks. Caches keyed by record identity never key on these records (or, for sortedKeyCache, only
 * on their key set, which an in-place update keeps). Never observable: the state a caller gets is
 * the one the copying code would have built, field for field and key for key.
 */
import type { Draft } from '../draft.ts';

/** Objects made by the traffic step in one Draft, plus the key order of records made by it. */
export class StepOwned {
  private readonly owned = new WeakSet<object>();
  private readonly keyOrder = new WeakMap<object, readonly string[]>();

  has(o: object | undefined): boolean {
    return o !== undefined && this.owned.has(o);
  }

  /** Marks `o` as made in this Draft (free to update in place until the Draft finishes). */
  mark<T extends object>(o: T): T {
    this.owned.add(o);
    return o;
  }

  /**
   * A builder for a record written key by key in a fixed order this step: the previous step's
   * record (`prev`) updated in place when this Draft made it and the keys come out the same, in
   * the same order; otherwise a new record (then owned), as `{}` filled in that order would be.
   */
  record<V>(prev: Readonly<Record<string, V>> | undefined): OwnedRecordBuilder<V> {
    const keys = prev !== undefined && this.owned.has(prev) ? this.keyOrder.get(prev) : undefined;
    return new OwnedRecordBuilder<V>(this, keys && (prev as Record<string, V>), keys);
  }

  /** @internal remembers the key order of a record built by OwnedRecordBuilder. */
  keep(rec: object, keys: readonly string[]): void {
    this.owned.add(rec);
    this.keyOrder.set(rec, keys);
  }
}

export class OwnedRecordBuilder<V> {
  private out: Record<string, V> | undefined;
  private keys: string[] | undefined;
  private n = 0;

  constructor(
    private readonly owner: StepOwned,
    private readonly prev: Record<string, V> | undefined,
    private readonly prevKeys: readonly string[] | undefined,
  ) {}

  /** Sets the next key (callers read the previous value from the old record before this). */
  set(key: string, value: V): void {
    if (this.out === undefined && this.prev !== undefined && this.prevKeys![this.n] === key) {
      this.prev[key] = value;
      this.n++;
      return;
    }
    // First difference (or nothing to reuse): a new record with the keys set so far.
    const out = this.out ?? this.fresh();
    out[key] = value;
    this.keys!.push(key);
    this.n++;
  }

  done(): Record<string, V> {
    if (this.out === undefined && this.prev !== undefined && this.n === this.prevKeys!.length)
      return this.prev;
    const out = this.out ?? this.fresh();
    this.owner.keep(out, this.keys!);
    return out;
  }

  private fresh(): Record<string, V> {
    const out: Record<string, V> = {};
    const keys: string[] = [];
    for (let i = 0; i < this.n; i++) {
      const k = this.prevKeys![i]!;
      out[k] = this.prev![k] as V;
      keys.push(k);
    }
    this.out = out;
    this.keys = keys;
    return out;
  }
}

const byDraft = new WeakMap<Draft, StepOwned>();

/** The traffic step's ownership record for this Draft (made on first use). */
export function stepOwned(d: Draft): StepOwned {
  let o = byDraft.get(d);
  if (!o) byDraft.set(d, (o = new StepOwned()));
  return o;
}
