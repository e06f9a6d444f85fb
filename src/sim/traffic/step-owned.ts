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
  private readonly keyOrder = new WeakMap<object, KeyOrder>();
  /**
   * The traffic step (sim-step.ts's step number) after which no target group of this Draft had an
   * unhealthy target; -1 when the last one left some.
   */
  noUnhealthyAt = -1;

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
    const order = prev !== undefined && this.owned.has(prev) ? this.keyOrder.get(prev) : undefined;
    return new OwnedRecordBuilder<V>(
      this,
      order && (prev as Record<string, V>),
      order?.keys,
      order?.values as V[] | undefined,
    );
  }

  /** @internal remembers the key order (and values, in that order) of a record built by OwnedRecordBuilder. */
  keep(rec: object, keys: readonly string[], values: unknown[]): void {
    this.owned.add(rec);
    this.keyOrder.set(rec, { keys, values });
  }
}

/** A built record's keys in order, and its values in the same order (kept up to date in place). */
interface KeyOrder {
  readonly keys: readonly string[];
  readonly values: unknown[];
}

/** What `peek` answers when the builder cannot tell the previous value without a lookup. */
export const UNKNOWN: unique symbol = Symbol('unknown');

export class OwnedRecordBuilder<V> {
  private out: Record<string, V> | undefined;
  private keys: string[] | undefined;
  private values: V[] | undefined;
  private n = 0;

  constructor(
    private readonly owner: StepOwned,
    private readonly prev: Record<string, V> | undefined,
    private readonly prevKeys: readonly string[] | undefined,
    private readonly prevValues: V[] | undefined,
  ) {}

  /**
   * The previous record's value at `key` when `key` is the next key of the record being updated in
   * place (no lookup by key); otherwise UNKNOWN (then read the previous record itself).
   */
  peek(key: string): V | typeof UNKNOWN {
    if (this.out === undefined && this.prev !== undefined && this.prevKeys![this.n] === key)
      return this.prevValues![this.n]!;
    return UNKNOWN;
  }

  /** Sets the next key (callers read the previous value from the old record before this). */
  set(key: string, value: V): void {
    if (this.out === undefined && this.prev !== undefined && this.prevKeys![this.n] === key) {
      // In place: a value that is the same object (updated in place itself) needs no store.
      if (this.prevValues![this.n] !== value) {
        this.prev[key] = value;
        this.prevValues![this.n] = value;
      }
      this.n++;
      return;
    }
    // First difference (or nothing to reuse): a new record with the keys set so far.
    const out = this.out ?? this.fresh();
    out[key] = value;
    this.keys!.push(key);
    this.values!.push(value);
    this.n++;
  }

  done(): Record<string, V> {
    if (this.out === undefined && this.prev !== undefined && this.n === this.prevKeys!.length)
      return this.prev;
    const out = this.out ?? this.fresh();
    this.owner.keep(out, this.keys!, this.values!);
    return out;
  }

  private fresh(): Record<string, V> {
    const out: Record<string, V> = {};
    const keys: string[] = [];
    const values: V[] = [];
    for (let i = 0; i < this.n; i++) {
      const k = this.prevKeys![i]!;
      const v = this.prev![k] as V;
      out[k] = v;
      keys.push(k);
      values.push(v);
    }
    this.out = out;
    this.keys = keys;
    this.values = values;
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
