import { describe, expect, it } from 'vitest';
import { call } from '../../support/core-harness.js';
import { adultGuest, CHECKLIST, dataFolderBytes, residentId } from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';

// Finding 1 of issue 12: after an approved erasure the sealed payload's bytes stayed in SQLite's
// free pages (and the WAL), where carving the raw files found them whole.

const desk = useStaffedDesk();
const { as, query } = desk;

/** 32-byte windows across every sealed blob of the record: any one found on disk is a leftover. */
function sealedWindows(recordId: string): Buffer[] {
  const blobs = query<{ sealed: Buffer | null }>(
    `SELECT sealed FROM record_revisions WHERE record_id = ?
     UNION ALL SELECT reason_sealed FROM erasure_requests WHERE record_id = ?`,
    recordId,
    recordId,
  )
    .map((row) => row.sealed)
    .filter((blob): blob is Buffer => blob !== null);
  expect(blobs.length).toBeGreaterThan(0);
  return blobs.flatMap((blob) => {
    const windows: Buffer[] = [];
    for (let at = 0; at + 32 <= blob.length; at += 32) windows.push(blob.subarray(at, at + 32));
    return windows;
  });
}

function filesHolding(windows: Buffer[]): string[] {
  return dataFolderBytes(desk.dir)
    .filter(({ bytes }) => windows.some((window) => bytes.includes(window)))
    .map(({ file }) => file);
}

describe('erasure that erases (R19, PIPL Art. 47)', () => {
  it('leaves nothing of the sealed payload in the database, its free pages, the WAL or the SHM', async () => {
    const id = await as('alice', async () => {
      const { recordId } = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: adultGuest({
          name: '欧阳娜娜',
          idDocument: { type: 'resident_id', number: residentId('110105', '19900101', '777') },
          notes: 'x'.repeat(3000),
        }),
      });
      await call(desk.core, 'records.submit', { recordId, checklist: CHECKLIST });
      return recordId;
    });
    await as('bob', () => call(desk.core, 'review.approveCross', { recordId: id }));
    await as('alice', () =>
      call(desk.core, 'erasure.request', { recordId: id, reason: 'Consent withdrawn' }),
    );
    const windows = sealedWindows(id);
    // the carving finds the payload while it is meant to be there
    expect(filesHolding(windows).length).toBeGreaterThan(0);
    await as('manager', () => call(desk.core, 'erasure.approve', { recordId: id }));
    expect(filesHolding(windows)).toEqual([]);
    expect(
      query<{ n: number }>(
        'SELECT count(*) AS n FROM record_revisions WHERE record_id = ? AND sealed IS NOT NULL',
        id,
      ),
    ).toEqual([{ n: 0 }]);
  });
});
