import { pinyin } from 'pinyin-pro';

/**
 * The in-memory name search of DESIGN "Keys and data at rest": names are sealed on disk, so the
 * core builds this index from the opened payloads after unlock (on the first search or queue that
 * needs it) and drops it at lock and sign-out. It never touches the disk.
 *
 * A name matches a query when the query (case, width, spaces, middle dots and accents ignored) is
 * a substring of the name itself, of its pinyin without tones ("zhangwei"), or of its pinyin
 * initials ("zw"). Surnames are read with their surname pronunciation (单 shan, 曾 zeng).
 */

interface Entry {
  /** names of the record's working and in-force revisions, as typed (NFC) */
  readonly names: readonly string[];
  /** folded forms to match against, best first: name, full pinyin, initials */
  readonly keys: readonly string[];
}

export interface NameMatch {
  readonly recordId: string;
  /** 0 exact, 1 prefix, 2 substring: lower is better */
  readonly rank: number;
}

const HAN = /\p{Script=Han}/u;

/** What a query and a name are compared as. */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s·•・.\-'’_]/gu, '');
}

function keysOf(name: string): string[] {
  const keys = [foldName(name)];
  if (HAN.test(name)) {
    const options = { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' } as const;
    keys.push(foldName(pinyin(name, options).join('')));
    keys.push(foldName(pinyin(name, { ...options, pattern: 'first' }).join('')));
  }
  return keys.filter((k) => k !== '');
}

type NameEntries = () => Iterable<readonly [recordId: string, names: readonly string[]]>;

export class NameIndex {
  private entries: Map<string, Entry> | null = null;
  private building: Promise<void> | null = null;
  /** what changed while a build in slices was under way: applied when it ends (null: removed) */
  private changesWhileBuilding: Map<string, readonly string[] | null> | null = null;
  /** bumped by drop(): a build in slices started before it is thrown away */
  private generation = 0;

  get built(): boolean {
    return this.entries !== null;
  }

  /** A build in slices is under way: changes are to be reported (update, remove) as if built. */
  get underConstruction(): boolean {
    return this.changesWhileBuilding !== null;
  }

  /**
   * Fills the index as ensureBuilt does, a slice of at most `sliceMs` at a time, letting the
   * event loop run between slices: at 100k records the build takes seconds of CPU, and the
   * core's thread answers every other call (session.state, the lock screen) meanwhile.
   */
  buildInSlices(load: NameEntries, sliceMs = 4): Promise<void> {
    if (this.entries) return Promise.resolve();
    this.building ??= this.fillInSlices(load, sliceMs).finally(() => {
      this.building = null;
    });
    return this.building;
  }

  private async fillInSlices(load: NameEntries, sliceMs: number): Promise<void> {
    const generation = this.generation;
    const entries = new Map<string, Entry>();
    const changes = new Map<string, readonly string[] | null>();
    this.changesWhileBuilding = changes;
    try {
      let sliceStart = performance.now();
      for (const [recordId, names] of load()) {
        entries.set(recordId, entryOf(names));
        if (performance.now() - sliceStart < sliceMs) continue;
        await new Promise<void>((resolve) => {
          setImmediate(resolve);
        });
        // locked or signed out meanwhile: the names read so far go with the session
        if (generation !== this.generation || this.entries) return;
        sliceStart = performance.now();
      }
      for (const [recordId, names] of changes) {
        if (names === null) entries.delete(recordId);
        else entries.set(recordId, entryOf(names));
      }
      this.entries = entries;
    } finally {
      if (this.changesWhileBuilding === changes) this.changesWhileBuilding = null;
    }
  }

  /** Fills the index from `load` unless it is built already. */
  ensureBuilt(load: NameEntries): void {
    if (this.entries) return;
    const entries = new Map<string, Entry>();
    for (const [recordId, names] of load()) entries.set(recordId, entryOf(names));
    this.entries = entries;
  }

  /** A record's names changed (or it is new): only when built; otherwise the next build reads them. */
  update(recordId: string, names: readonly string[]): void {
    this.entries?.set(recordId, entryOf(names));
    this.changesWhileBuilding?.set(recordId, names);
  }

  remove(recordId: string): void {
    this.entries?.delete(recordId);
    this.changesWhileBuilding?.set(recordId, null);
  }

  /** Forget every name (lock, sign-out), and any build under way. */
  drop(): void {
    this.entries = null;
    this.changesWhileBuilding = null;
    this.generation++;
  }

  search(query: string, limit: number): NameMatch[] {
    if (!this.entries) throw new Error('the name index is not built');
    const q = foldName(query);
    if (q === '') return [];
    const matches: NameMatch[] = [];
    for (const [recordId, entry] of this.entries) {
      let rank = Infinity;
      for (const key of entry.keys) {
        if (key === q) rank = Math.min(rank, 0);
        else if (key.startsWith(q)) rank = Math.min(rank, 1);
        else if (key.includes(q)) rank = Math.min(rank, 2);
      }
      if (rank !== Infinity) matches.push({ recordId, rank });
    }
    matches.sort((a, b) => a.rank - b.rank);
    return matches.slice(0, limit);
  }
}

function entryOf(names: readonly string[]): Entry {
  const typed = [...new Set(names.map((n) => n.normalize('NFC').trim()).filter((n) => n !== ''))];
  return { names: typed, keys: [...new Set(typed.flatMap(keysOf))] };
}
