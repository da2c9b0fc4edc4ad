import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { missing } from '../forms/local-checks.js';
import { say } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';
import { callOrThrow } from '../snowdesk.js';

/** The manager publishes a new version of the consent notice (R8); published ones never change. */
export function ConsentNoticeEditor() {
  const { t } = useTranslation();
  const titleId = useId();
  const zhId = useId();
  const enId = useId();
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['consent.current'],
    queryFn: () => callOrThrow('consent.current', {}),
  });
  const [version, setVersion] = useState('');
  const [textZh, setTextZh] = useState<string | null>(null);
  const [textEn, setTextEn] = useState<string | null>(null);
  const [published, setPublished] = useState<string | null>(null);
  const { busy, refusal, write } = useWrite();
  const zh = textZh ?? current.data?.text['zh-CN'] ?? '';
  const en = textEn ?? current.data?.text.en ?? '';

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const result = await write(
      'consent.publish',
      { version, textZh: zh, textEn: en },
      {
        check: missing({ version, textZh: zh, textEn: en }),
        shown: {
          version: 'version',
          textZh: 'textZh',
          textEn: 'textEn',
        },
      },
    );
    if (result) {
      client.setQueryData(['consent.current'], result);
      setPublished(result.version);
      setVersion('');
    }
  }

  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('consentNotice.title')}</h2>
      <p>{t('consentNotice.intro')}</p>
      {current.data && (
        <p className="muted">{t('consentNotice.current', { version: current.data.version })}</p>
      )}
      {published && (
        <p role="status" className="notice notice-ok">
          {t('consentNotice.published', { version: published })}
        </p>
      )}
      <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
        <TextField
          label={t('consentNotice.version')}
          value={version}
          onChange={setVersion}
          maxLength={50}
          problem={refusal?.fields.version}
        />
        <label htmlFor={zhId}>{t('consentNotice.textZh')}</label>
        <textarea
          id={zhId}
          rows={5}
          value={zh}
          aria-invalid={refusal?.fields.textZh ? true : undefined}
          aria-describedby={refusal?.fields.textZh ? `${zhId}-problem` : undefined}
          onChange={(e) => {
            setTextZh(e.target.value);
          }}
        />
        {refusal?.fields.textZh && (
          <p id={`${zhId}-problem`} className="field-problem">
            {say(t, refusal.fields.textZh)}
          </p>
        )}
        <label htmlFor={enId}>{t('consentNotice.textEn')}</label>
        <textarea
          id={enId}
          rows={5}
          value={en}
          aria-invalid={refusal?.fields.textEn ? true : undefined}
          aria-describedby={refusal?.fields.textEn ? `${enId}-problem` : undefined}
          onChange={(e) => {
            setTextEn(e.target.value);
          }}
        />
        {refusal?.fields.textEn && (
          <p id={`${enId}-problem`} className="field-problem">
            {say(t, refusal.fields.textEn)}
          </p>
        )}
        <RefusalNotice refusal={refusal} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={busy}>
            {t('consentNotice.publish')}
          </button>
        </div>
      </form>
    </section>
  );
}
