import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gb11643CheckChar } from '../../shared/domain/resident-id.js';
import type { GuestDraft } from '../../shared/domain/guest-record.js';
import type { Role } from '../../shared/domain/roles.js';
import { call, FIRST_MANAGER, setUpKiosk, type CoreDoor } from './core-harness.js';

/** The desk's people for record tests; everyone ends up with PASSWORD. */
export const PEOPLE = {
  /** the first manager, made and certified with the maintainer at first setup */
  manager: { name: FIRST_MANAGER.name, role: 'manager' },
  /** a second manager who stays uncertified */
  trainer: { name: 'Trainer Qin', role: 'manager' },
  lead: { name: 'Lead Wang', role: 'lead' },
  alice: { name: 'Alice Li', role: 'specialist' },
  bob: { name: 'Bob Zhou', role: 'specialist' },
  trainee: { name: 'Trainee Wu', role: 'specialist' },
  trainee2: { name: 'Trainee Ma', role: 'specialist' },
  supervisor: { name: 'Supervisor Qian', role: 'supervisor' },
} as const satisfies Record<string, { name: string; role: Role }>;
export type Person = keyof typeof PEOPLE;

export const PASSWORD = FIRST_MANAGER.password;

/** Certified by the first manager; the trainees and the trainer stay uncertified (practice mode, R6). */
const CERTIFIED: readonly Person[] = ['lead', 'alice', 'bob', 'supervisor'];

/**
 * First setup (the maintainer and the certified first manager), every other person created with
 * their own password, the others certified by the manager; nobody signed in at the end. Returns
 * staff ids by person.
 */
export async function staffTheDesk(core: CoreDoor): Promise<Record<Person, string>> {
  await setUpKiosk(core);
  return hireTheDesk(core);
}

/** staffTheDesk after first setup, with the maintainer signed in (setUpKiosk). */
export async function hireTheDesk(core: CoreDoor): Promise<Record<Person, string>> {
  const ids = {} as Record<Person, string>;
  const others = (Object.keys(PEOPLE) as Person[]).filter((p) => p !== 'manager');
  for (const person of others) {
    const { name, role } = PEOPLE[person];
    ids[person] = (await call(core, 'staff.create', { name, role, password: `first-${PASSWORD}` })).id;
  }
  const manager = (await call(core, 'staff.list', {})).find((a) => a.name === FIRST_MANAGER.name);
  if (!manager) throw new Error('first setup made no manager');
  ids.manager = manager.id;
  await call(core, 'session.signOut', {});
  for (const person of others) {
    await call(core, 'session.signIn', { name: PEOPLE[person].name, password: `first-${PASSWORD}` });
    await call(core, 'session.changePassword', { current: `first-${PASSWORD}`, next: PASSWORD });
  }
  await signInAs(core, 'manager');
  for (const person of CERTIFIED) {
    await call(core, 'staff.certify', { id: ids[person], certified: true });
  }
  await call(core, 'session.signOut', {});
  return ids;
}

export async function signInAs(core: CoreDoor, person: Person): Promise<void> {
  await call(core, 'session.signIn', { name: PEOPLE[person].name, password: PASSWORD });
}

/** A resident ID with the right check character: region + YYYYMMDD + sequence. */
export function residentId(region: string, birth: string, sequence = '001'): string {
  const body = `${region}${birth}${sequence}`;
  return body + gb11643CheckChar(body);
}

/** ManualClock's default day (2026-11-23, 10:00 in China): consent given a few minutes before. */
export const CONSENT_AT = '2026-11-23T09:55:00+08:00';

/** A complete adult guest as typed at the desk. */
export function adultGuest(overrides: Partial<GuestDraft> = {}): GuestDraft {
  return {
    name: '张伟',
    contact: { phone: '138 0013 8000' },
    idDocument: { type: 'resident_id', number: residentId('110105', '19850312', '123') },
    homeAddress: '北京市朝阳区建国路88号1单元1201',
    ski: { discipline: 'ski', level: 'intermediate', lessonInterest: 'group' },
    emergencyContact: { name: '王丽', phone: '139 0013 9000', relation: 'spouse' },
    consent: { noticeVersion: '2026-10', general: true, idNumber: true, method: 'verbal', at: CONSENT_AT },
    ...overrides,
  };
}

/** A ten-year-old with a guardian who has given consent. */
export function childGuest(overrides: Partial<GuestDraft> = {}): GuestDraft {
  return adultGuest({
    name: '张小明',
    contact: { phone: '137 0013 7000' },
    idDocument: { type: 'resident_id', number: residentId('110105', '20160501', '031') },
    emergencyContact: undefined,
    guardian: {
      name: '张伟',
      phone: '138 0013 8000',
      relation: 'parent',
      consent: { given: true, method: 'verbal', at: CONSENT_AT },
    },
    ...overrides,
  });
}

export const CHECKLIST = { completeness: true, accuracy: true, format: true, consent: true };

/**
 * Every file in the data folder (databases, WAL and journal files), as raw bytes: to prove that a
 * guest value never reaches the disk in clear.
 */
export function dataFolderBytes(dataDir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      return { file, bytes: readFileSync(file) };
    });
}

/** The files in which `value` appears in clear (UTF-8 or UTF-16LE, as SQLite might store text). */
export function filesContaining(dataDir: string, value: string): string[] {
  const needles = [Buffer.from(value, 'utf8'), Buffer.from(value, 'utf16le')];
  return dataFolderBytes(dataDir)
    .filter(({ bytes }) => needles.some((needle) => bytes.includes(needle)))
    .map(({ file }) => file);
}
