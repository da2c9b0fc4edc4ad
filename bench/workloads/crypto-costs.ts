import { createCipheriv, randomBytes } from 'node:crypto';
import { blindIndex } from '../../electron/core/crypto/blind-index.js';
import { openPayload, sealPayload, type PayloadBinding } from '../../electron/core/crypto/sealed-payload.js';
import { loadSodium } from '../../electron/core/crypto/sodium.js';
import { demoGuests, indexValues } from '../lib/guests.js';
import type { BenchResult } from '../lib/result.js';

/**
 * Where the sealed store's time per record goes, on the same realistic guests as the throughput
 * workload: the crypto the store adds (seal, open, blind indexes: libsodium.js WebAssembly) next
 * to the JSON work every store does. The last line is a native peer for the AEAD alone: the
 * same padded plaintext through node:crypto's ChaCha20-Poly1305 (OpenSSL), to show how much of
 * the seal is the WebAssembly build rather than the cipher. Informational: no budget. Each
 * figure is the fastest of three passes, per record.
 */
export async function cryptoCostsWorkload(records: number, seed: number): Promise<BenchResult[]> {
  await loadSodium();
  const guests = [...demoGuests(records, seed)];
  const key = randomBytes(32);
  const binding = (i: number): PayloadBinding => ({
    recordId: `0b6c4a52-3f1e-4d7a-9a57-${String(i).padStart(12, '0')}`,
    revision: 1,
    purpose: 'guest-record',
  });
  /** the fastest of three passes after a warm-up: the intrinsic cost, with the least of other load in it */
  const perRecordUs = (work: () => void): number => {
    work();
    let best = Infinity;
    for (let pass = 0; pass < 3; pass++) {
      const start = performance.now();
      work();
      best = Math.min(best, performance.now() - start);
    }
    return (best * 1000) / guests.length;
  };

  const sealed = guests.map((g, i) => sealPayload(key, binding(i), g));
  const json = guests.map((g) => JSON.stringify(g));
  const sealUs = perRecordUs(() => {
    guests.forEach((g, i) => sealPayload(key, binding(i), g));
  });
  const openUs = perRecordUs(() => {
    sealed.forEach((s, i) => openPayload(key, binding(i), s));
  });
  const indexUs = perRecordUs(() => {
    for (const g of guests) {
      const v = indexValues(g);
      blindIndex('id-number', key, v.idNumber);
      for (const p of v.phones) blindIndex('phone', key, p);
    }
  });
  const jsonUs = perRecordUs(() => {
    for (const g of guests) JSON.parse(Buffer.from(JSON.stringify(g), 'utf8').toString('utf8'));
  });
  const nativeUs = perRecordUs(() => {
    for (const text of json) {
      const plain = Buffer.alloc((Math.floor(Buffer.byteLength(text) / 64) + 1) * 64);
      plain.write(text);
      const cipher = createCipheriv('chacha20-poly1305', key, randomBytes(12), { authTagLength: 16 });
      cipher.setAAD(Buffer.from('snowdesk/payload/v1 guest-record'), { plaintextLength: plain.length });
      Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    }
  });
  const meanBytes = sealed.reduce((n, s) => n + s.length, 0) / sealed.length;
  const line = (name: string, value: number, note?: string): BenchResult => ({
    name: `per record: ${name}`,
    value,
    unit: 'µs',
    budget: null,
    ok: null,
    ...(note === undefined ? {} : { note }),
  });
  return [
    line(
      'seal payload (JSON + pad + XChaCha20-Poly1305, WASM)',
      sealUs,
      `mean sealed size ${meanBytes.toFixed(0)} bytes`,
    ),
    line('open payload (WASM)', openUs),
    line('blind indexes, ID + every phone (BLAKE2b, WASM)', indexUs),
    line('JSON only, what the plain store does', jsonUs),
    line('native ChaCha20-Poly1305 peer (node:crypto), same plaintext', nativeUs),
  ];
}
