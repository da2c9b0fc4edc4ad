import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isOnlineChannel, type GuestDraft } from '../../../shared/domain/guest-record.js';
import type { GuestHit, RecordDetail } from '../../../shared/ipc/record-schemas.js';
import { CONTACT_METHODS, CONTACT_OUTCOMES, ONSITE_CHANNELS } from '../../../shared/ipc/record-schemas.js';
import { say, type Message, problemMessage, refusalMessage } from '../forms/refusal.js';
import { api, callOrThrow } from '../snowdesk.js';
import { coreNow, coreToday } from './desk-clock.js';
import { choiceKey } from './display.js';
import { formatClock, formatDateTime } from './display.js';
import {
  commentsByPath,
  fieldLabelKey,
  isoWithChinaOffset,
  knownAge,
  missingRequiredFields,
  problemsOf,
  problemsToShow,
  requirementOf,
  SECTIONS,
  showsGuardian,
  valueAt,
  withValue,
  type FieldSpec,
  type Requirement,
} from './draft-model.js';
import { useAutosave, type SaveState } from './use-autosave.js';
import { DiscardDraft } from './DiscardDraft.js';
import { WithRecord } from './WithRecord.js';

/** The consent notice in force (R8), published by a manager; its version is kept with the consent. */
function useConsentNotice() {
  return useQuery({ queryKey: ['consent.current'], queryFn: () => callOrThrow('consent.current', {}) });
}

const CHOICES: Readonly<Record<string, readonly string[]>> = {
  idType: ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent_residence'],
  discipline: ['ski', 'snowboard', 'both'],
  level: ['beginner', 'intermediate', 'advanced', 'expert'],
  lesson: ['none', 'undecided', 'group', 'private'],
  shoeSystem: ['eu', 'mondopoint'],
  relation: ['parent', 'spouse', 'partner', 'child', 'sibling', 'relative', 'friend', 'colleague', 'other'],
  guardianRelation: ['parent', 'grandparent', 'adult_sibling', 'other_legal_guardian'],
  consentMethod: ['verbal', 'paper_form', 'online'],
  channel: ONSITE_CHANNELS,
};

/** Set by the form itself, shown as text: the notice version and the consent times. */
const AUTOMATIC = new Set(['consent.noticeVersion', 'consent.at', 'guardian.consent.at']);

interface Props {
  recordId: string;
  onSelfReview: () => void;
  onOpenRecord: (recordId: string) => void;
  onBack: () => void;
  /** the entrant discarded the draft (the guest walked away) */
  onDiscarded: () => void;
}

export function IntakeForm({ recordId, onSelfReview, onOpenRecord, onBack, onDiscarded }: Props) {
  const { t } = useTranslation();
  return (
    <WithRecord recordId={recordId} onBack={onBack}>
      {(detail) =>
        !detail.canEdit || detail.draft === null ? (
          <section className="panel panel-wide">
            <p role="alert">{t('records.intake.notEditable')}</p>
            <button type="button" onClick={onBack}>
              {t('records.back')}
            </button>
          </section>
        ) : (
          <IntakeEditor
            key={`${detail.recordId}:${String(detail.revision)}`}
            detail={detail}
            onSelfReview={onSelfReview}
            onOpenRecord={onOpenRecord}
            onBack={onBack}
            onDiscarded={onDiscarded}
          />
        )
      }
    </WithRecord>
  );
}

function focusNext(from: HTMLElement): void {
  const form = from.closest('form');
  if (!form) return;
  const focusable = Array.from(form.querySelectorAll<HTMLElement>('input, select, textarea, button')).filter(
    (el) => !(el as HTMLInputElement).disabled && el.tabIndex >= 0,
  );
  const index = focusable.indexOf(from);
  focusable[index + 1]?.focus();
}

interface EditorProps extends Omit<Props, 'recordId'> {
  detail: RecordDetail;
}

function IntakeEditor({ detail, onSelfReview, onOpenRecord, onBack, onDiscarded }: EditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<GuestDraft>(detail.draft ?? {});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [duplicates, setDuplicates] = useState<{ what: 'idNumber' | 'phone'; hits: GuestHit[] } | null>(null);
  const composing = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const autosave = useAutosave(detail.recordId, draft, composing);
  const today = coreToday();
  const online = detail.channel !== null && isOnlineChannel(detail.channel);
  const noticeVersion = useConsentNotice().data?.version;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const problems = useMemo(() => problemsOf(draft, today), [draft, today]);
  const shown = problemsToShow(problems, touched, false);
  const problemAt = (path: string) => {
    const problem = shown[path];
    return problem ? problemMessage(problem) : undefined;
  };
  const missing = missingRequiredFields(draft, today);
  const age = knownAge(draft, today);
  const minor = age !== undefined && age < 14;

  // the comments of the latest return of this revision, beside their fields
  const lastReturn =
    detail.state === 'returned'
      ? detail.rounds.filter((r) => r.revision === detail.revision && r.outcome === 'returned').at(-1)
      : undefined;
  const comments = commentsByPath(lastReturn?.comments ?? []);

  function change(path: string, value: unknown): void {
    setDraft((previous) => {
      let next = withValue(previous, path, value === '' ? '' : value);
      if (path === 'consent.general' || path === 'consent.idNumber') {
        // no version until the notice has loaded: self-review then shows the consent as incomplete
        if (noticeVersion) next = withValue(next, 'consent.noticeVersion', noticeVersion);
        next = withValue(next, 'consent.at', isoWithChinaOffset(coreNow()));
        if (valueAt(next, 'consent.method') === undefined) {
          next = withValue(
            next,
            'consent.method',
            next.channel === 'on_site_paper_form' ? 'paper_form' : online ? 'online' : 'verbal',
          );
        }
      }
      if (path === 'guardian.consent.given') {
        next = withValue(
          next,
          'guardian.consent.at',
          value === true ? isoWithChinaOffset(coreNow()) : undefined,
        );
      }
      return next;
    });
  }

  function blurred(path: string): void {
    setTouched((previous) => (previous.has(path) ? previous : new Set([...previous, path])));
    if (!composing.current) void autosave.flush();
    if (path === 'idDocument.number' || path === 'contact.phone') void checkDuplicates(path);
  }

  async function checkDuplicates(path: 'idDocument.number' | 'contact.phone'): Promise<void> {
    const raw = valueAt(draft, path);
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '') return;
    const query = path === 'idDocument.number' ? { idNumber: value } : { phone: value };
    const result = await api().call('records.checkDuplicates', { recordId: detail.recordId, ...query });
    if (!result.ok) return;
    const what = path === 'idDocument.number' ? 'idNumber' : 'phone';
    setDuplicates(
      result.value.hits.length > 0 ? { what, hits: result.value.hits } : (d) => (d?.what === what ? null : d),
    );
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    // an input method's Enter picks a candidate (Chromium reports it as key 'Process' or isComposing)
    if (event.key !== 'Enter' || event.nativeEvent.isComposing || composing.current) return;
    const target = event.target as HTMLElement;
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement) return;
    if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) {
      event.preventDefault();
      focusNext(target);
    }
  }

  async function toSelfReview(): Promise<void> {
    if (await autosave.flush()) onSelfReview();
  }

  function visible(spec: FieldSpec): boolean {
    const value = valueAt(draft, spec.path);
    switch (spec.path) {
      case 'idDocument.issuingCountry':
        return draft.idDocument?.type === 'passport' || (value !== undefined && value !== '');
      case 'birthDate':
        return (
          requirementOf('birthDate', draft, today) === 'required' || (value !== undefined && value !== '')
        );
      case 'doubtReason':
        return draft.doubtful === true || (value !== undefined && value !== '');
      default:
        return !AUTOMATIC.has(spec.path);
    }
  }

  const sections = SECTIONS.filter(
    (section) => section.id !== 'guardian' || showsGuardian(draft, today) || minor,
  );

  return (
    <div className="intake">
      <form
        noValidate
        aria-labelledby="intake-title"
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
          autosave.schedule();
        }}
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <h1 id="intake-title" ref={headingRef} tabIndex={-1}>
          {t('records.intake.title')}
          {draft.name ? ` · ${draft.name}` : ''}
        </h1>
        <p className="muted">
          {t('records.intake.requiredLegend')} {t('records.intake.keyboardHint')}
        </p>
        {lastReturn && (
          <div className="notice notice-warning" role="note">
            <p>{t('records.desk.returned')}</p>
            {comments._?.map((text) => (
              <p key={text} className="field-comment">
                {t('records.intake.reviewComment', { text })}
              </p>
            ))}
          </div>
        )}
        {sections.map((section) => (
          <fieldset key={section.id}>
            <legend>{t(`records.section.${section.id}`)}</legend>
            {section.id === 'guardian' && minor && (
              <p className="notice notice-warning">{t('records.intake.minorNotice')}</p>
            )}
            {section.id === 'consent' && <ConsentNotice />}
            <div className="form-row">
              {section.fields.filter(visible).map((spec) => (
                <DraftField
                  key={spec.path}
                  spec={spec}
                  value={valueAt(draft, spec.path)}
                  requirement={requirementOf(spec.path, draft, today)}
                  problem={problemAt(spec.path)}
                  comments={comments[spec.path] ?? []}
                  hint={
                    spec.path === 'birthDate'
                      ? t('records.intake.birthDateHint')
                      : spec.path.endsWith('phone')
                        ? t('records.intake.phoneHint')
                        : undefined
                  }
                  choices={spec.path === 'channel' && online ? [detail.channel ?? ''] : undefined}
                  onChange={(value) => {
                    change(spec.path, value);
                  }}
                  onBlur={() => {
                    blurred(spec.path);
                  }}
                />
              ))}
            </div>
            {section.id === 'identity' && duplicates?.what === 'idNumber' && (
              <DuplicateOffer hits={duplicates.hits} what="idNumber" onOpen={onOpenRecord} />
            )}
            {section.id === 'contact' && duplicates?.what === 'phone' && (
              <DuplicateOffer hits={duplicates.hits} what="phone" onOpen={onOpenRecord} />
            )}
            {section.id === 'consent' && typeof draft.consent?.at === 'string' && (
              <p className="ok">
                {t('records.consent.recordedAt', { time: formatDateTime(Date.parse(draft.consent.at)) })}
              </p>
            )}
          </fieldset>
        ))}
        {online && <ContactLog detail={detail} />}
        {detail.rounds.length > 0 && <RoundsHistory detail={detail} />}
      </form>
      <aside className="intake-aside" aria-label={t('records.intake.title')}>
        <SaveStatus state={autosave.state} />
        <p>
          {missing.length > 0
            ? t('records.intake.missingCount', { count: missing.length })
            : t('records.intake.allRequired')}
        </p>
        {autosave.lastSaved && (
          <p className="muted">
            {t('records.intake.completeness', {
              percent: Math.round(autosave.lastSaved.completeness.share * 100),
            })}
          </p>
        )}
        <button type="button" className="primary" onClick={() => void toSelfReview()}>
          {t('records.intake.toSelfReview')}
        </button>
        <button type="button" onClick={() => void autosave.flush().then(onBack)}>
          {t('records.back')}
        </button>
        {detail.allowedActions.includes('discard_draft') && (
          <DiscardDraft recordId={detail.recordId} beforeDiscard={autosave.flush} onDone={onDiscarded} />
        )}
      </aside>
    </div>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  let text: string;
  switch (state.kind) {
    case 'idle':
      text = '';
      break;
    case 'saved':
      text = t('records.intake.saved', { time: formatClock(state.at) });
      break;
    case 'saving':
      text = t('records.intake.saving');
      break;
    case 'dirty':
      text = t('records.intake.unsaved');
      break;
    case 'failed':
      text = t('records.intake.saveFailed', { problem: say(t, refusalMessage(state.error)) });
      break;
  }
  return (
    <p role="status" className={`save-state save-state-${state.kind}`}>
      {text}
    </p>
  );
}

function ConsentNotice() {
  const { t, i18n } = useTranslation();
  const notice = useConsentNotice();
  if (!notice.data) return <p className="muted">{t('records.consent.loading')}</p>;
  const text = i18n.language === 'en' ? notice.data.text.en : notice.data.text['zh-CN'];
  return (
    <div className="consent-notice">
      <h3>{t('records.consent.noticeTitle', { version: notice.data.version })}</h3>
      <p>{text}</p>
      <p className="muted">{t('records.consent.read')}</p>
    </div>
  );
}

interface DraftFieldProps {
  spec: FieldSpec;
  value: unknown;
  requirement: Requirement;
  problem: Message | undefined;
  comments: readonly string[];
  hint?: string | undefined;
  choices?: readonly string[] | undefined;
  onChange: (value: unknown) => void;
  onBlur: () => void;
}

/** One field of the draft: label, required/recommended mark, hint, reviewer comments, problem. */
function DraftField({
  spec,
  value,
  requirement,
  problem,
  comments,
  hint,
  choices,
  onChange,
  onBlur,
}: DraftFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const label = t(fieldLabelKey(spec.path));
  const described = [
    requirement !== 'optional' ? `${id}-need` : null,
    hint ? `${id}-hint` : null,
    comments.length > 0 ? `${id}-comments` : null,
    problem ? `${id}-problem` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': described || undefined,
    'aria-required': requirement === 'required' ? true : undefined,
    onBlur,
  } as const;
  let control: ReactNode;
  if (spec.kind === 'flag') {
    return (
      <div className={`field${problem ? ' field-invalid' : ''}`}>
        <label className="check" htmlFor={id}>
          <input
            type="checkbox"
            {...common}
            checked={value === true}
            onChange={(event) => {
              onChange(event.target.checked);
            }}
          />
          {label}
        </label>
        <FieldNotes id={id} requirement={requirement} hint={hint} comments={comments} problem={problem} />
      </div>
    );
  }
  if (spec.kind === 'choice') {
    const options = choices ?? CHOICES[spec.choices ?? ''] ?? [];
    control = (
      <select
        {...common}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => {
          onChange(event.target.value === '' ? undefined : event.target.value);
        }}
      >
        <option value="">{t('records.choice.empty')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {t(choiceKey(spec.choices ?? '', option))}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'textarea') {
    control = (
      <textarea
        {...common}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type="text"
        autoComplete="off"
        spellCheck={false}
        value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
        inputMode={spec.path.startsWith('ski.rental.') ? 'decimal' : undefined}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    );
  }
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control}
      <FieldNotes id={id} requirement={requirement} hint={hint} comments={comments} problem={problem} />
    </div>
  );
}

function FieldNotes({
  id,
  requirement,
  hint,
  comments,
  problem,
}: {
  id: string;
  requirement: Requirement;
  hint?: string | undefined;
  comments: readonly string[];
  problem: Message | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      {requirement !== 'optional' && (
        <span id={`${id}-need`} className={`need need-${requirement}`}>
          {t(`records.intake.${requirement}`)}
        </span>
      )}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {comments.length > 0 && (
        <div id={`${id}-comments`}>
          {comments.map((text) => (
            <p key={text} className="field-comment">
              {t('records.intake.reviewComment', { text })}
            </p>
          ))}
        </div>
      )}
      {problem && (
        <p id={`${id}-problem`} className="field-problem">
          {say(t, problem)}
        </p>
      )}
    </>
  );
}

function DuplicateOffer({
  hits,
  what,
  onOpen,
}: {
  hits: readonly GuestHit[];
  what: 'idNumber' | 'phone';
  onOpen: (recordId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning" role="alert">
      <h2>{t('records.intake.duplicateTitle')}</h2>
      <p>
        {t('records.intake.duplicateIntro', {
          what: t(what === 'idNumber' ? 'records.intake.duplicateId' : 'records.intake.duplicatePhone'),
        })}
      </p>
      <ul className="hits">
        {hits.map((hit) => (
          <li key={hit.recordId}>
            <span className="hit-name">{hit.guestName || t('records.queue.unnamed')}</span>
            {hit.maskedIdNumber && <span className="mono">{hit.maskedIdNumber}</span>}
            {hit.maskedPhone && <span className="mono">{hit.maskedPhone}</span>}
            <span>{t(`records.state.${hit.state}`)}</span>
            <button
              type="button"
              onClick={() => {
                onOpen(hit.recordId);
              }}
            >
              {t('records.intake.openExisting', { name: hit.guestName || t('records.queue.unnamed') })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RoundsHistory({ detail }: { detail: RecordDetail }) {
  const { t } = useTranslation();
  return (
    <section className="subpanel" aria-labelledby="rounds-title">
      <h2 id="rounds-title">{t('records.intake.roundsTitle')}</h2>
      <ol className="rounds">
        {detail.rounds.map((round) => (
          <li key={round.round}>
            {t('records.intake.round', {
              round: round.round,
              stage: t(`records.intake.stage.${round.stage}`),
              outcome: t(`records.intake.outcome.${round.outcome}`),
              name: round.reviewer.name,
              time: formatDateTime(round.decidedAt),
            })}
            {round.comments.length > 0 && (
              <ul>
                {round.comments.map((comment, index) => (
                  <li key={index}>
                    {t(fieldLabelKey(comment.path))}：{comment.text}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Online submissions (R9): every attempt to reach the guest is logged. */
function ContactLog({ detail }: { detail: RecordDetail }) {
  const { t } = useTranslation();
  const [attempts, setAttempts] = useState(detail.contactAttempts);
  const [method, setMethod] = useState<(typeof CONTACT_METHODS)[number]>('phone');
  const [outcome, setOutcome] = useState<(typeof CONTACT_OUTCOMES)[number]>('reached');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  async function log(): Promise<void> {
    const trimmed = note.trim();
    const result = await api().call('online.logContact', {
      recordId: detail.recordId,
      method,
      outcome,
      ...(trimmed === '' ? {} : { note: trimmed }),
    });
    if (!result.ok) {
      setProblem(say(t, refusalMessage(result.error)));
      return;
    }
    setProblem(null);
    setNote('');
    setAttempts((list) => [...list, result.value.attempt]);
  }
  return (
    <fieldset>
      <legend>{t('records.online.logTitle')}</legend>
      <ul>
        {attempts.map((a) => (
          <li key={a.id}>
            {formatDateTime(a.at)} · {a.staff.name} · {t(`records.online.methods.${a.method}`)} ·{' '}
            {t(`records.online.outcomes.${a.outcome}`)}
            {a.note ? ` · ${a.note}` : ''}
          </li>
        ))}
      </ul>
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-m`}>{t('records.online.method')}</label>
          <select
            id={`${id}-m`}
            value={method}
            onChange={(e) => {
              setMethod(e.target.value as typeof method);
            }}
          >
            {CONTACT_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`records.online.methods.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-o`}>{t('records.online.outcome')}</label>
          <select
            id={`${id}-o`}
            value={outcome}
            onChange={(e) => {
              setOutcome(e.target.value as typeof outcome);
            }}
          >
            {CONTACT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`records.online.outcomes.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-n`}>{t('records.online.note')}</label>
          <input
            id={`${id}-n`}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
        </div>
      </div>
      {problem && <p className="field-problem">{problem}</p>}
      <button type="button" onClick={() => void log()}>
        {t('records.online.log')}
      </button>
    </fieldset>
  );
}
