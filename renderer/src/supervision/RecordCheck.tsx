import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { describeRefusal } from '../forms/refusal.js';
import { useTranslation } from 'react-i18next';
import type { AuditVerdict } from '../../../shared/domain/sampling-audit.js';
import type { SampleRecord } from '../../../shared/ipc/supervision-schemas.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import type { Refusal } from '../forms/refusal.js';
import { coreToday } from '../records/desk-clock.js';
import { formatDateTime } from '../records/display.js';
import { FieldList, rowsOf } from '../records/FieldList.js';
import { api, callOrThrow } from '../snowdesk.js';
import { VerdictControl } from './VerdictControl.js';

interface Props {
  sampleId: string;
  recordId: string;
  onBack: () => void;
}

interface FieldState {
  verdict?: AuditVerdict;
  note: string;
  /** the note as the core has it */
  savedNote: string;
}

/**
 * R26: one drawn record, field by field. Opening it is a reveal of full values, which the core
 * audits; the answer is not kept once the view closes, so opening it again is audited again.
 */
export function RecordCheck({ sampleId, recordId, onBack }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // while "mark the rest correct" saves (one call a field), leaving would let the check be
  // completed on a record whose verdicts are still on their way
  const [busy, setBusy] = useState(false);
  const opened = useQuery({
    queryKey: ['sample.openRecord', sampleId, recordId],
    queryFn: () => callOrThrow('sample.openRecord', { sampleId, recordId }),
    gcTime: 0,
  });
  useEffect(() => {
    heading.current?.focus();
  }, [recordId]);

  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {opened.data
          ? t('supervision.check.title', { position: opened.data.position })
          : t('supervision.loading')}
      </h2>
      {opened.isError && (
        <p role="alert" className="notice notice-problem">
          {t('supervision.loadFailed')}
        </p>
      )}
      {opened.data && <CheckFields record={opened.data} busy={busy} setBusy={setBusy} />}
      <div className="actions">
        <button
          type="button"
          aria-disabled={busy}
          onClick={() => {
            if (!busy) onBack();
          }}
        >
          {t('supervision.check.back')}
        </button>
      </div>
    </section>
  );
}

interface CheckFieldsProps {
  record: SampleRecord;
  busy: boolean;
  setBusy: (busy: boolean) => void;
}

function CheckFields({ record, busy, setBusy }: CheckFieldsProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [fields, setFields] = useState<Record<string, FieldState>>(() =>
    Object.fromEntries(
      record.checks.map((c) => [
        c.field,
        { verdict: c.verdict, note: c.note ?? '', savedNote: c.note ?? '' },
      ]),
    ),
  );
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const today = coreToday();
  const open = record.status === 'open' && record.guest !== null;

  async function save(field: string, verdict: AuditVerdict, note: string): Promise<boolean> {
    const trimmed = note.trim();
    const result = await api().call('sample.check', {
      sampleId: record.sampleId,
      recordId: record.recordId,
      field,
      verdict,
      ...(trimmed === '' ? {} : { note: trimmed }),
    });
    if (!result.ok) {
      setRefusal(describeRefusal(result.error));
      return false;
    }
    setRefusal(null);
    setFields((current) => ({
      ...current,
      [field]: {
        verdict: result.value.verdict,
        note: current[field]?.note ?? note,
        savedNote: result.value.note ?? '',
      },
    }));
    return true;
  }

  async function refreshCounts(): Promise<void> {
    await client.invalidateQueries({ queryKey: ['sample.get', record.sampleId] });
    await client.invalidateQueries({ queryKey: ['sample.list'] });
    await client.invalidateQueries({ queryKey: ['sample.report', record.sampleId] });
  }

  async function onVerdict(field: string, verdict: AuditVerdict): Promise<void> {
    const note = fields[field]?.note ?? '';
    setFields((current) => ({
      ...current,
      [field]: { note, savedNote: current[field]?.savedNote ?? '', verdict },
    }));
    if (await save(field, verdict, note)) await refreshCounts();
  }

  async function onNoteDone(field: string): Promise<void> {
    const state = fields[field];
    if (!state?.verdict || state.note.trim() === state.savedNote) return;
    await save(field, state.verdict, state.note);
  }

  async function restCorrect(): Promise<void> {
    if (busy || !record.guest) return;
    setBusy(true);
    try {
      const paths = rowsOf(record.guest, today).flatMap((section) => section.fields.map((spec) => spec.path));
      for (const path of paths.filter((p) => fields[p]?.verdict === undefined)) {
        if (!(await save(path, 'correct', fields[path]?.note ?? ''))) break;
      }
      await refreshCounts();
    } finally {
      setBusy(false);
    }
  }

  const checked = Object.values(fields).filter((f) => f.verdict !== undefined).length;
  return (
    <>
      <dl className="facts">
        <dt>{t('supervision.check.entrant')}</dt>
        <dd>{record.entrant?.name ?? t('supervision.report.unknownEntrant')}</dd>
        <dt>{t('supervision.sample.validAt')}</dt>
        <dd>{record.validAt === null ? '' : formatDateTime(record.validAt)}</dd>
        <dt>{t('supervision.check.timeliness')}</dt>
        <dd>
          {record.enteredOnTime === null
            ? t('supervision.check.noDeadline')
            : t(record.enteredOnTime ? 'supervision.check.onTime' : 'supervision.check.late')}
        </dd>
      </dl>
      {record.guest === null ? (
        <p className="notice notice-warning">{t('supervision.check.erased')}</p>
      ) : (
        <>
          <p className="notice notice-warning">{t('supervision.check.revealNotice')}</p>
          <p>{t('supervision.check.how')}</p>
          <div className="sampling-check">
            <FieldList
              draft={record.guest}
              today={today}
              extra={(path, label) => {
                const state = fields[path];
                return (
                  <VerdictControl
                    path={path}
                    label={label}
                    verdict={state?.verdict}
                    note={state?.note ?? ''}
                    saved={state?.verdict !== undefined && state.note.trim() === state.savedNote}
                    disabled={!open}
                    onVerdict={(verdict) => void onVerdict(path, verdict)}
                    onNote={(note) => {
                      setFields((current) => ({
                        ...current,
                        [path]: { ...current[path], note, savedNote: current[path]?.savedNote ?? '' },
                      }));
                    }}
                    onNoteDone={() => void onNoteDone(path)}
                  />
                );
              }}
            />
          </div>
        </>
      )}
      <p role="status" className="muted">
        {t('supervision.check.done', { checked })}
      </p>
      <RefusalNotice refusal={refusal} />
      {open && (
        <div className="actions">
          <button type="button" aria-disabled={busy} onClick={() => void restCorrect()}>
            {t('supervision.check.restCorrect')}
          </button>
        </div>
      )}
    </>
  );
}
