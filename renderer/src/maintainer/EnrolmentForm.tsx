import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncDetails, SyncTestResult } from '../../../shared/ipc/sync-schemas.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';
import { checkDraft, codeAddress, EMPTY_DRAFT, type EnrolmentDraft } from './enrolment-input.js';
import { SyncAnswer, type Answer } from './SyncAnswer.js';

interface Props {
  /** there is an enrolment already: this form replaces it */
  enrolled: boolean;
  onEnrolled: (details: SyncDetails) => void;
}

/**
 * Enrolment (docs/sync-protocol.md 5.2): the enrolment code the central system hands out, or
 * its four values typed one by one; "test connection" tries them without storing anything.
 */
export function EnrolmentForm({ enrolled, onEnrolled }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const [draft, setDraft] = useState<EnrolmentDraft>(EMPTY_DRAFT);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const { busy, refusal, setRefusal, write } = useWrite();

  function edit(change: Partial<EnrolmentDraft>) {
    setDraft((previous) => ({ ...previous, ...change }));
  }

  function checked() {
    const check = checkDraft(draft);
    if (!check.ok) {
      setAnswer(null);
      setRefusal({ summary: { key: 'errors.checkFields' }, fields: check.fields });
      return null;
    }
    return check.input;
  }

  async function onTest() {
    const input = checked();
    if (!input) return;
    setAnswer(null);
    const result: SyncTestResult | null = await write('sync.testConnection', input);
    if (result) setAnswer({ kind: 'test', result });
  }

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const input = checked();
    if (!input) return;
    setAnswer(null);
    const result = await write('sync.enrol', input);
    if (!result) return;
    if (!result.ok) {
      setAnswer({ kind: 'enrol', result });
      return;
    }
    // the screen around the form says it is done, and shows the new enrolment
    setDraft(EMPTY_DRAFT);
    onEnrolled(result.details);
  }

  const address = draft.mode === 'code' && draft.code.trim() !== '' ? codeAddress(draft.code) : null;
  return (
    <section className="subpanel" aria-labelledby={titleId}>
      <h3 id={titleId}>{enrolled ? t('maintainer.enrol.againTitle') : t('maintainer.enrol.title')}</h3>
      <p>{enrolled ? t('maintainer.enrol.againIntro') : t('maintainer.enrol.intro')}</p>
      <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
        <fieldset className="choice">
          <legend>{t('maintainer.enrol.how')}</legend>
          <label>
            <input
              type="radio"
              name="enrol-mode"
              checked={draft.mode === 'code'}
              onChange={() => {
                edit({ mode: 'code' });
                setRefusal(null);
              }}
            />
            {t('maintainer.enrol.byCode')}
          </label>
          <label>
            <input
              type="radio"
              name="enrol-mode"
              checked={draft.mode === 'manual'}
              onChange={() => {
                edit({ mode: 'manual' });
                setRefusal(null);
              }}
            />
            {t('maintainer.enrol.byValues')}
          </label>
        </fieldset>
        {draft.mode === 'code' ? (
          <>
            <TextField
              label={t('maintainer.fields.code')}
              hint={t('maintainer.enrol.codeHint')}
              value={draft.code}
              onChange={(code) => {
                edit({ code });
              }}
              className="key-input-full"
              autoComplete="off"
              spellCheck={false}
              maxLength={8192}
              problem={refusal?.fields.code}
            />
            {address && <p className="muted">{t('maintainer.enrol.codeAddress', { url: address })}</p>}
          </>
        ) : (
          <>
            <TextField
              label={t('maintainer.fields.url')}
              hint={t('maintainer.enrol.urlHint')}
              value={draft.url}
              onChange={(url) => {
                edit({ url });
              }}
              autoComplete="off"
              spellCheck={false}
              maxLength={2000}
              problem={refusal?.fields.url}
            />
            <TextField
              label={t('maintainer.fields.token')}
              hint={t('maintainer.enrol.tokenHint')}
              value={draft.token}
              onChange={(token) => {
                edit({ token });
              }}
              className="key-input-full"
              autoComplete="off"
              spellCheck={false}
              maxLength={520}
              problem={refusal?.fields.token}
            />
            <TextField
              label={t('maintainer.fields.centralPublicKey')}
              hint={t('maintainer.enrol.keyHint')}
              value={draft.centralPublicKey}
              onChange={(centralPublicKey) => {
                edit({ centralPublicKey });
              }}
              className="key-input-full"
              autoComplete="off"
              spellCheck={false}
              maxLength={60}
              problem={refusal?.fields.centralPublicKey}
            />
            <TextField
              label={t('maintainer.fields.tlsPins')}
              hint={t('maintainer.enrol.pinsHint')}
              value={draft.tlsPins}
              onChange={(tlsPins) => {
                edit({ tlsPins });
              }}
              autoComplete="off"
              spellCheck={false}
              maxLength={300}
              problem={refusal?.fields.tlsPins}
            />
          </>
        )}
        <TextField
          label={t('maintainer.fields.deviceName')}
          hint={t('maintainer.enrol.deviceNameHint')}
          value={draft.deviceName}
          onChange={(deviceName) => {
            edit({ deviceName });
          }}
          autoComplete="off"
          maxLength={80}
          problem={refusal?.fields.deviceName}
        />
        <RefusalNotice refusal={refusal} />
        <SyncAnswer answer={answer} />
        <div className="actions">
          <button type="button" aria-disabled={busy} onClick={() => void onTest()}>
            {t('maintainer.enrol.test')}
          </button>
          <button type="submit" className="primary" aria-disabled={busy}>
            {enrolled ? t('maintainer.enrol.submitAgain') : t('maintainer.enrol.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
