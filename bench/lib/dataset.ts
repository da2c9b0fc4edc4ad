import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BLIND_INDEX_BYTES } from '../../electron/core/crypto/blind-index.js';
import { SEALED_PAYLOAD_VERSION } from '../../electron/core/crypto/sealed-payload.js';
import { SubKeyId } from '../../electron/core/crypto/sub-keys.js';
import { DATABASE_FILE } from '../../electron/core/db/open-database.js';
import { MIGRATIONS } from '../../electron/core/db/migrations/index.js';
import { demoGuests, indexValues } from './guests.js';
import { openUnlockedStore, setUpThroughCore, type UnlockedStore } from './store-folder.js';

/** Built data sets live here, one folder per (size, seed, schema): git-ignored, rebuilt on demand. */
export const BENCH_DATA_DIR = fileURLToPath(new URL('../.data/', import.meta.url));

const TX_RECORDS = 5_000;
const MAX_PROBES = 4_096;

export interface DataSetManifest {
  format: 1;
  records: number;
  seed: number;
  fingerprint: string;
  /** record ids spread evenly over the set; their values are read back after unlock, never stored */
  probeRecordIds: string[];
  buildMs: number;
  builtAt: string;
}

export interface DataSet {
  dir: string;
  manifest: DataSetManifest;
  /** built in this run (so its pages are likely still in the OS cache) */
  built: boolean;
}

/**
 * What a data set depends on besides its size and seed: the schema (every migration's code),
 * the sealed payload format, the blind index length and the sub-key ids. A change to any of
 * them (a migration being edited right now, say) makes a new folder instead of a stale reuse.
 */
export function dataSetFingerprint(): string {
  const hash = createHash('sha256');
  for (const m of MIGRATIONS) hash.update(`${String(m.version)}\0${m.name}\0${m.up.toString()}\0`);
  hash.update(`payload:${String(SEALED_PAYLOAD_VERSION)} index:${String(BLIND_INDEX_BYTES)} `);
  hash.update(JSON.stringify(SubKeyId));
  return hash.digest('hex').slice(0, 12);
}

function folderFor(records: number, seed: number): string {
  return join(BENCH_DATA_DIR, `records-${String(records)}-seed-${String(seed)}-${dataSetFingerprint()}`);
}

function readManifest(dir: string, records: number, seed: number): DataSetManifest | null {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')) as {
      [K in keyof DataSetManifest]?: unknown;
    };
    statSync(join(dir, DATABASE_FILE));
    const fits =
      manifest.format === 1 &&
      manifest.records === records &&
      manifest.seed === seed &&
      manifest.fingerprint === dataSetFingerprint() &&
      Array.isArray(manifest.probeRecordIds) &&
      manifest.probeRecordIds.length > 0;
    return fits ? (manifest as DataSetManifest) : null;
  } catch {
    return null;
  }
}

/** The data set if it is already built and current, without building it. */
export function cachedDataSet(records: number, seed: number): DataSet | null {
  const dir = folderFor(records, seed);
  const manifest = readManifest(dir, records, seed);
  return manifest ? { dir, manifest, built: false } : null;
}

/**
 * A store of `records` demo guests (the demo generator, deterministic for `seed`), set up through
 * the core and filled through SealedRecordStore directly in big transactions. The manifest is
 * written last, so an interrupted build is rebuilt from scratch next time.
 */
export async function ensureDataSet(
  records: number,
  seed: number,
  progress: (text: string) => void,
): Promise<DataSet> {
  const cached = cachedDataSet(records, seed);
  if (cached) return cached;
  const dir = folderFor(records, seed);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  progress(
    `  building the ${records.toLocaleString('en')}-record data set (none cached for this schema and format); ` +
      `later runs reuse it: ${dir}`,
  );
  const start = performance.now();
  await setUpThroughCore(dir);
  const store = await openUnlockedStore(dir);
  const probeRecordIds: string[] = [];
  try {
    // building the fixture only: the measured workloads run with the core's synchronous=FULL
    store.db.pragma('synchronous = OFF');
    store.db.pragma('cache_size = -1048576');
    const step = Math.max(1, Math.floor(records / MAX_PROBES));
    const guests = demoGuests(records, seed);
    let written = 0;
    while (written < records) {
      const size = Math.min(TX_RECORDS, records - written);
      store.db.transaction(() => {
        for (let i = 0; i < size; i++) {
          const next = guests.next();
          if (next.done === true) throw new Error('the demo generator ran dry');
          const ref = store.records.createRecord(store.staffId, next.value, indexValues(next.value));
          if ((written + i) % step === 0 && probeRecordIds.length < MAX_PROBES)
            probeRecordIds.push(ref.recordId);
        }
      })();
      written += size;
      if (written % 100_000 === 0 || written === records)
        progress(`  data set ${records.toLocaleString('en')}: ${written.toLocaleString('en')} written`);
    }
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
  const manifest: DataSetManifest = {
    format: 1,
    records,
    seed,
    fingerprint: dataSetFingerprint(),
    probeRecordIds,
    buildMs: Math.round(performance.now() - start),
    builtAt: new Date().toISOString(),
  };
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { dir, manifest, built: true };
}

export type { UnlockedStore };
