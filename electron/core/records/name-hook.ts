import { guestNameOf } from './guest-payload.js';
import { NameIndex } from './name-index.js';
import type { RecordWorkflowRepository } from './record-workflow-repository.js';
import type { GuestDraft } from '../../../shared/domain/guest-record.js';

/**
 * The in-memory name index of one store and the one hook that keeps it current: the transition
 * runner calls `changed` after each committed write. Built on first use after an unlock.
 */
export class NameHook {
  readonly index = new NameIndex();

  constructor(
    private readonly repo: RecordWorkflowRepository,
    private readonly open: (recordId: string, revision: number) => GuestDraft,
  ) {}

  /** Builds the index if it is not built (after unlock, on first use). */
  ensure(): NameIndex {
    this.index.ensureBuilt(() => this.entries());
    return this.index;
  }

  /** Builds the index a slice at a time, so the core's thread answers other calls meanwhile. */
  prepare(): Promise<void> {
    return this.index.buildInSlices(() => this.entries());
  }

  /** After a commit: the record's names as they are now, or none once it is erased. */
  changed(recordId: string): void {
    if (!this.index.built && !this.index.underConstruction) return;
    const record = this.repo.record(recordId);
    if (!record || record.erased_at !== null) this.index.remove(recordId);
    else this.index.update(recordId, this.namesOf(record));
  }

  private *entries(): Generator<readonly [string, readonly string[]]> {
    // the list first, then the payloads: no statement stays open while they are opened
    const rows = [...this.repo.liveRecords()];
    for (const row of rows) yield [row.record_id, this.namesOf(row)] as const;
  }

  private namesOf(row: {
    record_id: string;
    working_revision: number;
    in_force_revision: number | null;
  }): string[] {
    const names = [guestNameOf(this.open(row.record_id, row.working_revision))];
    if (row.in_force_revision !== null && row.in_force_revision !== row.working_revision) {
      names.push(guestNameOf(this.open(row.record_id, row.in_force_revision)));
    }
    return names;
  }
}
