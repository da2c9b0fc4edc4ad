import { GuestRecord } from '../../../shared/domain/guest-record.js';
import { csvLine } from '../csv.js';

export const GUEST_CSV_COLUMNS = [
  'record_id',
  'revision',
  'name',
  'birth_date',
  'phone',
  'id_type',
  'id_number',
  'home_address',
  'discipline',
  'level',
  'emergency_contact',
  'emergency_phone',
  'channel',
  'vip',
  'notes',
] as const;

export function guestCsvRow(recordId: string, revision: number, payload: unknown): string | null {
  const parsed = GuestRecord.safeParse(payload);
  if (!parsed.success) return null;
  const g = parsed.data;
  const cells = [
    recordId,
    String(revision),
    g.name,
    g.birthDate,
    g.contact.phone,
    g.idDocument.type,
    g.idDocument.number,
    g.homeAddress,
    g.ski.discipline,
    g.ski.level,
    g.emergencyContact?.name ?? '',
    g.emergencyContact?.phone ?? '',
    g.channel,
    g.vip ? 'yes' : 'no',
    g.notes ?? '',
  ];
  return csvLine(cells);
}
