import { z } from 'zod';
import type { Capability } from '../domain/roles.js';
import { ROLES } from '../domain/roles.js';
import { ConsentNotice, PublishNoticeInput } from './consent-schemas.js';
import { PasswordInput, StaffName } from '../domain/staff-account-rules.js';
import {
  AppInfo,
  AuditVerdict,
  NetworkStatus,
  NoInput,
  SessionState,
  SetupResult,
  StaffAccount,
} from './schemas.js';
import * as R from './record-schemas.js';
import * as S from './sync-schemas.js';
import * as B from './backup-schemas.js';
import * as A from './supervision-schemas.js';
import * as T from './team-schemas.js';
import * as C from './complaint-schemas.js';
import * as G from './suggestion-schemas.js';
import * as Q from './quality-schemas.js';

const StaffId = z.string().min(1).max(64);

/**
 * Who may call a method:
 * - 'public': anyone, even signed out or locked (what the lock and sign-in screens need);
 * - 'credentials': a signed-in, unlocked person, even one who must first change a reset password;
 * - 'session': any signed-in, unlocked person with a password of their own;
 * - a capability, or a list of which any one suffices: such a person whose role (and
 *   certificate) grants it.
 */
export type Permission = 'public' | 'credentials' | 'session' | Capability | readonly Capability[];

export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  readonly permission: Permission;
  /**
   * Guest-record work that uncertified desk staff do in the practice store (R6): for them the
   * permission is checked without the certificate and the core routes the call there.
   */
  readonly practice?: boolean;
}

export const contract = {
  'app.info': { input: NoInput, output: AppInfo, permission: 'public' },
  'session.state': { input: NoInput, output: SessionState, permission: 'public' },
  'network.status': { input: NoInput, output: NetworkStatus, permission: 'public' },
  /** the kiosk window closes only this way: a maintainer's quit, audited; Electron's main quits on ok */
  'app.quit': { input: NoInput, output: z.object({}).strict(), permission: 'device.admin' },

  // first run (R5): only while the kiosk has no account at all; the core checks that
  // both people present: the maintainer and the first manager, each typing their own password
  'setup.create': {
    input: z
      .object({
        name: StaffName,
        password: PasswordInput,
        manager: z.object({ name: StaffName, password: PasswordInput }).strict(),
      })
      .strict(),
    output: SetupResult,
    permission: 'public',
  },
  'setup.confirmRecoveryKey': {
    input: z.object({ groups: z.record(z.string().max(3), z.string().max(16)) }).strict(),
    output: z.object({ confirmed: z.literal(true) }),
    permission: 'device.admin',
  },
  'setup.reissueRecoveryKey': {
    input: z.object({ password: PasswordInput }).strict(),
    output: SetupResult,
    permission: 'device.admin',
  },
  'recovery.resetPassword': {
    input: z
      .object({ recoveryKey: z.string().min(1).max(200), name: StaffName, newPassword: PasswordInput })
      .strict(),
    output: SessionState,
    permission: 'public',
  },

  // sessions on a shared kiosk (R23)
  'session.signIn': {
    input: z.object({ name: StaffName, password: PasswordInput }).strict(),
    output: SessionState,
    permission: 'public',
  },
  'session.unlock': {
    input: z.object({ password: PasswordInput }).strict(),
    output: SessionState,
    permission: 'public',
  },
  'session.lock': { input: NoInput, output: SessionState, permission: 'public' },
  'session.signOut': { input: NoInput, output: SessionState, permission: 'public' },
  'session.activity': { input: NoInput, output: z.object({}), permission: 'public' },
  'session.changePassword': {
    input: z.object({ current: PasswordInput, next: PasswordInput }).strict(),
    output: SessionState,
    permission: 'credentials',
  },

  // accounts (R5, R6)
  'staff.list': {
    input: NoInput,
    output: z.array(StaffAccount),
    permission: ['device.admin', 'staff.certify'],
  },
  'staff.create': {
    input: z.object({ name: StaffName, role: z.enum(ROLES), password: PasswordInput }).strict(),
    output: StaffAccount,
    permission: 'device.admin',
  },
  'staff.setDisabled': {
    input: z.object({ id: StaffId, disabled: z.boolean() }).strict(),
    output: StaffAccount,
    permission: 'device.admin',
  },
  'staff.resetPassword': {
    input: z.object({ id: StaffId, password: PasswordInput }).strict(),
    output: StaffAccount,
    permission: 'device.admin',
  },
  'staff.certify': {
    input: z.object({ id: StaffId, certified: z.boolean() }).strict(),
    output: StaffAccount,
    permission: 'staff.certify',
  },

  'audit.verify': { input: NoInput, output: AuditVerdict, permission: 'audit.verify' },

  // the consent notice (R8): read at every intake, published by a manager
  'consent.current': { input: NoInput, output: ConsentNotice, permission: 'session' },
  'consent.publish': { input: PublishNoticeInput, output: ConsentNotice, permission: 'consent.edit' },

  // guest records (R7–R14, R19). practice: uncertified desk staff run these on the practice store (R6)
  'records.workspace': { input: NoInput, output: R.Workspace, permission: 'session', practice: true },
  'records.startIntake': {
    input: R.StartIntakeInput,
    output: R.DraftSaved,
    permission: 'guest.enter',
    practice: true,
  },
  'records.saveDraft': {
    input: R.SaveDraftInput,
    output: R.DraftSaved,
    permission: 'guest.enter',
    practice: true,
  },
  'records.open': {
    input: R.RecordRefInput,
    output: R.RecordDetail,
    permission: ['guest.enter', 'review.cross', 'review.final', 'guest.correct', 'erasure.approve'],
    practice: true,
  },
  'records.submit': {
    input: R.SubmitInput,
    output: R.TransitionDone,
    permission: 'guest.enter',
    practice: true,
  },
  'records.checkDuplicates': {
    input: R.DuplicateCheckInput,
    output: R.GuestHits,
    permission: 'guest.enter',
    practice: true,
  },
  'records.myQueue': { input: NoInput, output: R.Queue, permission: 'guest.enter', practice: true },
  'records.overview': { input: NoInput, output: R.Queue, permission: 'team.dashboard', practice: true },
  'records.startCorrection': {
    input: R.ReasonInput,
    output: R.TransitionDone,
    permission: 'guest.correct',
    practice: true,
  },
  'records.cancelCorrection': {
    input: R.ReasonInput,
    output: R.TransitionDone,
    permission: ['guest.correct', 'review.assign'],
    practice: true,
  },
  'records.discardDraft': {
    input: R.RecordRefInput,
    output: R.TransitionDone,
    permission: 'guest.enter',
    practice: true,
  },
  'review.crossQueue': { input: NoInput, output: R.Queue, permission: 'review.cross', practice: true },
  'review.reviewers': {
    input: R.RecordRefInput,
    output: R.ReviewerChoices,
    permission: 'review.assign',
    practice: true,
  },
  'review.assign': {
    input: R.AssignReviewerInput,
    output: R.QueueItem,
    permission: 'review.assign',
    practice: true,
  },
  'review.approveCross': {
    input: R.ApproveCrossInput,
    output: R.TransitionDone,
    permission: 'review.cross',
    practice: true,
  },
  'review.returnCross': {
    input: R.ReturnInput,
    output: R.TransitionDone,
    permission: 'review.cross',
    practice: true,
  },
  'review.finalQueue': { input: NoInput, output: R.Queue, permission: 'review.final', practice: true },
  'review.approveFinal': {
    input: R.RecordRefInput,
    output: R.TransitionDone,
    permission: 'review.final',
    practice: true,
  },
  'review.returnFinal': {
    input: R.ReturnInput,
    output: R.TransitionDone,
    permission: 'review.final',
    practice: true,
  },
  'online.add': { input: R.AddOnlineInput, output: R.QueueItem, permission: 'online.claim', practice: true },
  'online.queue': { input: NoInput, output: R.Queue, permission: 'online.claim', practice: true },
  'online.claim': {
    input: R.RecordRefInput,
    output: R.QueueItem,
    permission: 'online.claim',
    practice: true,
  },
  'online.logContact': {
    input: R.LogContactInput,
    output: R.ContactLogged,
    permission: 'online.claim',
    practice: true,
  },
  'guests.search': { input: R.SearchInput, output: R.GuestHits, permission: 'guest.search', practice: true },
  'guests.reveal': { input: R.RevealInput, output: R.Revealed, permission: 'guest.reveal', practice: true },
  'erasure.request': {
    input: R.ReasonInput,
    output: R.TransitionDone,
    permission: 'erasure.request',
    practice: true,
  },
  'erasure.queue': { input: NoInput, output: R.ErasureQueue, permission: 'erasure.approve', practice: true },
  'erasure.approve': {
    input: R.RecordRefInput,
    output: R.TransitionDone,
    permission: 'erasure.approve',
    practice: true,
  },
  'erasure.reject': {
    input: R.ReasonInput,
    output: R.TransitionDone,
    permission: 'erasure.approve',
    practice: true,
  },
  // end guest records

  // the lead's day (R25), guest complaints (R27), staff suggestions (R17)
  'team.day': { input: T.TeamDayInput, output: T.TeamDay, permission: 'team.dashboard', practice: true },
  'complaints.register': {
    input: C.RegisterComplaintInput,
    output: C.ComplaintDetail,
    permission: 'complaint.record',
  },
  'complaints.list': {
    input: NoInput,
    output: C.ComplaintList,
    permission: ['complaint.record', 'complaint.manage'],
  },
  'complaints.open': {
    input: C.ComplaintRefInput,
    output: C.ComplaintDetail,
    permission: ['complaint.record', 'complaint.manage'],
  },
  'complaints.assignees': { input: NoInput, output: C.ComplaintAssignees, permission: 'complaint.manage' },
  'complaints.assign': {
    input: C.AssignComplaintInput,
    output: C.ComplaintDetail,
    permission: 'complaint.manage',
  },
  'complaints.note': {
    input: C.ComplaintNoteInput,
    output: C.ComplaintDetail,
    permission: 'complaint.manage',
  },
  'complaints.resolve': {
    input: C.ResolveComplaintInput,
    output: C.ComplaintDetail,
    permission: 'complaint.manage',
  },
  'suggestions.send': {
    input: G.SendSuggestionInput,
    output: G.SuggestionView,
    permission: 'suggestion.send',
  },
  'suggestions.mine': { input: NoInput, output: G.SuggestionList, permission: 'suggestion.send' },
  'suggestions.list': { input: NoInput, output: G.SuggestionList, permission: 'suggestion.read' },
  'suggestions.markRead': {
    input: G.SuggestionRefInput,
    output: G.SuggestionView,
    permission: 'suggestion.read',
  },
  // end desk operations

  // sync with the central system (R24, R29)
  'sync.status': { input: NoInput, output: S.SyncStatus, permission: 'public' },
  'sync.details': { input: NoInput, output: S.SyncDetails, permission: 'device.admin' },
  'sync.enrol': { input: S.SyncEnrolInput, output: S.SyncEnrolResult, permission: 'device.admin' },
  'sync.testConnection': { input: S.SyncTestInput, output: S.SyncTestResult, permission: 'device.admin' },
  'sync.stuck': { input: NoInput, output: z.array(S.StuckItem), permission: 'device.admin' },
  'sync.retry': { input: S.SyncRetryInput, output: S.SyncStatus, permission: 'device.admin' },
  'sync.lookUpCentral': {
    input: S.CentralLookupInput,
    output: S.CentralLookupResult,
    permission: 'guest.search',
  },
  // end sync

  // backups (R16): the daily run itself is the core's timer's, needing no session
  'backup.status': { input: NoInput, output: B.BackupDetails, permission: 'device.admin' },
  // the header's warning for those answerable for the data: maintainer, manager, supervisor (R26)
  'backup.health': { input: NoInput, output: B.BackupHealth, permission: ['device.admin', 'audit.view'] },
  'backup.run': { input: NoInput, output: B.BackupRunResult, permission: 'device.admin' },
  'backup.configure': {
    input: B.BackupConfigureInput,
    output: B.BackupConfigureResult,
    permission: 'device.admin',
  },
  'backup.restore': {
    input: B.BackupRestoreInput,
    output: B.BackupRestoreResult,
    permission: 'device.admin',
  },
  // end backups

  // the supervisor's sampling audit and the report of permission use (R26)
  'sample.draw': { input: A.SampleDrawInput, output: A.SampleDetail, permission: 'audit.sample' },
  'sample.list': { input: NoInput, output: A.SampleList, permission: ['audit.sample', 'audit.view'] },
  'sample.get': {
    input: A.SampleRefInput,
    output: A.SampleDetail,
    permission: ['audit.sample', 'audit.view'],
  },
  'sample.openRecord': { input: A.SampleRecordInput, output: A.SampleRecord, permission: 'audit.sample' },
  'sample.check': { input: A.SampleCheckInput, output: A.SampleCheckView, permission: 'audit.sample' },
  'sample.complete': { input: A.SampleRefInput, output: A.SampleSummary, permission: 'audit.sample' },
  'sample.report': {
    input: A.SampleRefInput,
    output: A.SampleReport,
    permission: ['audit.sample', 'audit.view'],
  },
  'audit.permissionUse': {
    input: A.PermissionUseInput,
    output: A.PermissionUse,
    permission: ['audit.sample', 'audit.view'],
  },
  // end sampling audit

  // quality per staff member (R28): quality.own sees only oneself, the core checks staffId
  'quality.figures': {
    input: Q.QualityPeriodInput,
    output: Q.QualityReport,
    permission: ['quality.own', 'quality.team', 'quality.all'],
  },
  'quality.csv': { input: Q.QualityPeriodInput, output: Q.QualityCsv, permission: 'export' },
  // end quality
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

/** Events flow one way, core -> renderer. */
export const events = {
  'session.changed': SessionState,
  'network.changed': NetworkStatus,
  /** sync with the central system: online or offline, waiting, last success, last error (R29) */
  'sync.changed': S.SyncStatus,
  /** after every backup attempt, configuration and restore: the header's backup warning (R16) */
  'backup.changed': B.BackupHealth,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/** The one channel name both sides of Electron's IPC use. */
export const RPC_CHANNEL = 'snowdesk:rpc';
export const EVENT_CHANNEL = 'snowdesk:event';
