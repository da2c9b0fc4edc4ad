import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_KINDS,
  COMPLAINT_TEXT_MAX,
  type ComplaintDetail,
} from '../../../shared/ipc/complaint-schemas.js';
import { localRefusal, problemMessage } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { SelectField } from '../forms/SelectField.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';
import { TextAreaField } from './TextAreaField.js';

type Kind = (typeof COMPLAINT_KINDS)[number];
type Channel = (typeof COMPLAINT_CHANNELS)[number];

/**
 * Registers a guest's complaint (R27). From the complaints panel the record number is typed (or
 * left out); from a record's own page it is that record's, fixed.
 */
export function RegisterComplaintForm({
  recordId,
  onRegistered,
}: {
  /** the record the complaint is about, when registered from that record's page */
  recordId?: string;
  onRegistered?: (complaint: ComplaintDetail) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [kind, setKind] = useState<Kind>('wrong_information');
  const [channel, setChannel] = useState<Channel>('desk');
  const [typedRecord, setTypedRecord] = useState('');
  const [text, setText] = useState('');
  const [done, setDone] = useState<number | null>(null);
  const { busy, refusal, setRefusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    setDone(null);
    if (text.trim() === '') {
      setRefusal(localRefusal({ text: problemMessage('desk.required') }));
      return;
    }
    const record = recordId ?? (typedRecord.trim() === '' ? undefined : typedRecord.trim());
    const result = await write(
      'complaints.register',
      {
        kind,
        receivedVia: channel,
        text,
        ...(record === undefined ? {} : { recordId: record }),
      },
      { shown: { kind: 'kind', receivedVia: 'receivedVia', recordId: 'recordId', text: 'text' } },
    );
    if (result) {
      setDone(result.number);
      setText('');
      setTypedRecord('');
      // the register's list, wherever it is shown, includes it now
      void client.invalidateQueries({ queryKey: ['complaints.list'] });
      onRegistered?.(result);
    }
  }

  return (
    <form className="subpanel" noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
      <h3>
        {recordId === undefined ? t('deskOps.complaints.register') : t('deskOps.complaints.fromRecord')}
      </h3>
      {done !== null && (
        <p role="status" className="notice notice-ok">
          {t('deskOps.complaints.registered', { number: done })}
        </p>
      )}
      <SelectField
        label={t('deskOps.complaints.kind')}
        value={kind}
        onChange={setKind}
        options={COMPLAINT_KINDS.map((value) => ({ value, label: t(`deskOps.complaints.kinds.${value}`) }))}
        problem={refusal?.fields.kind}
      />
      <SelectField
        label={t('deskOps.complaints.receivedVia')}
        value={channel}
        onChange={setChannel}
        options={COMPLAINT_CHANNELS.map((value) => ({
          value,
          label: t(`deskOps.complaints.channels.${value}`),
        }))}
        problem={refusal?.fields.receivedVia}
      />
      {recordId === undefined && (
        <TextField
          label={t('deskOps.complaints.recordId')}
          hint={t('deskOps.complaints.recordIdHint')}
          value={typedRecord}
          onChange={setTypedRecord}
          maxLength={36}
          spellCheck={false}
          problem={refusal?.fields.recordId}
        />
      )}
      <TextAreaField
        label={t('deskOps.complaints.text')}
        value={text}
        onChange={setText}
        maxLength={COMPLAINT_TEXT_MAX}
        problem={refusal?.fields.text}
      />
      <RefusalNotice refusal={refusal} />
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={busy}>
          {t('deskOps.complaints.submit')}
        </button>
      </div>
    </form>
  );
}
