import { GuestRecord } from '../../../shared/domain/guest-record.js';

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

/**
 * RFC 4180 quoting, plus the OWASP guard against formula injection: a cell a spreadsheet would
 * run (=, @, tab, CR, or +/- not followed by a digit) gets a leading apostrophe. Phones such as
 * +8613800138000 stay as they are.
 */
export function csvCell(value: string): string {
  const guarded = /^[=@\t\r]|^[+-](?![0-9])/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

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
  return cells.map(csvCell).join(',');
}
