/**
 * IndexedDB storage of saved experiments (issue 5). Each record keeps the envelope text exactly as
 * written (src/formats/experiment-file.ts), so reading validates it every time; a record that no
 * longer reads is moved to the `quarantine` store with the reason — never deleted silently.
 * Thin promise glue over the IndexedDB API; all parsing lives in src/formats.
 */

/** One saved experiment as stored. */
export interface StoredExperiment {
  readonly id: string;
  readonly name: string;
  /** Wall-clock ms of the last save (for the list's order and "saved … ago"). */
  readonly updatedAt: number;
  /** The envelope JSON. */
  readonly text: string;
}

/** A record set aside because it could not be read. */
export interface QuarantinedExperiment {
  readonly key: string;
  readonly record: unknown;
  readonly reason: string;
  readonly at: number;
}

const EXPERIMENTS = 'experiments';
const QUARANTINE = 'quarantine';
const META = 'meta';
const CURRENT = 'current';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The experiment store of one IndexedDB database. */
export class ExperimentStore {
  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (creating or upgrading) the database `name`. */
  static async open(name = 'cluster-playground'): Promise<ExperimentStore> {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(EXPERIMENTS))
        db.createObjectStore(EXPERIMENTS, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(QUARANTINE))
        db.createObjectStore(QUARANTINE, { keyPath: 'key' });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
    };
    return new ExperimentStore(await request(req));
  }

  close(): void {
    this.db.close();
  }

  private store(name: string, mode: IDBTransactionMode): IDBObjectStore {
    return this.db.transaction(name, mode).objectStore(name);
  }

  /** Every saved experiment, most recently saved first. Records of the wrong shape are quarantined. */
  async list(): Promise<StoredExperiment[]> {
    const all = await request(this.store(EXPERIMENTS, 'readonly').getAll());
    const good: StoredExperiment[] = [];
    for (const r of all as unknown[]) {
      if (isStored(r)) good.push(r);
      else {
        const id = (r as { id?: unknown } | null)?.id;
        await this.quarantine(r, 'the saved record has the wrong shape');
        if (typeof id === 'string') await request(this.store(EXPERIMENTS, 'readwrite').delete(id));
      }
    }
    return good.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async get(id: string): Promise<StoredExperiment | undefined> {
    const r: unknown = await request(this.store(EXPERIMENTS, 'readonly').get(id));
    return isStored(r) ? r : undefined;
  }

  async put(record: StoredExperiment): Promise<void> {
    await request(this.store(EXPERIMENTS, 'readwrite').put(record));
  }

  async delete(id: string): Promise<void> {
    await request(this.store(EXPERIMENTS, 'readwrite').delete(id));
  }

  /**
   * Moves `record` aside with `reason` (and removes it from the experiments when it has an id).
   * Returns the quarantine key.
   */
  async quarantine(record: unknown, reason: string): Promise<string> {
    const at = Date.now();
    const id = (record as { id?: unknown } | null)?.id;
    const key = `${typeof id === 'string' ? id : 'record'}@${at}`;
    const entry: QuarantinedExperiment = { key, record, reason, at };
    await request(this.store(QUARANTINE, 'readwrite').put(entry));
    if (typeof id === 'string') await request(this.store(EXPERIMENTS, 'readwrite').delete(id));
    return key;
  }

  async quarantined(): Promise<QuarantinedExperiment[]> {
    return (await request(this.store(QUARANTINE, 'readonly').getAll())) as QuarantinedExperiment[];
  }

  /** The experiment the page was last working on (reopened after a reload). */
  async getCurrent(): Promise<string | undefined> {
    const v: unknown = await request(this.store(META, 'readonly').get(CURRENT));
    return typeof v === 'string' ? v : undefined;
  }

  async setCurrent(id: string): Promise<void> {
    await request(this.store(META, 'readwrite').put(id, CURRENT));
  }
}

function isStored(r: unknown): r is StoredExperiment {
  if (typeof r !== 'object' || r === null) return false;
  const o = r as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.name === 'string' &&
    typeof o.updatedAt === 'number' &&
    typeof o.text === 'string'
  );
}
