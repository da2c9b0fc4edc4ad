import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestHit } from '../../../shared/ipc/record-schemas.js';
import { REVEAL_REASONS } from '../../../shared/ipc/record-schemas.js';
import { say, refusalMessage } from '../forms/refusal.js';
import { api } from '../snowdesk.js';
import { RecordTags } from './RecordTags.js';

type Mode = 'idNumber' | 'phone' | 'name';
type RevealField = 'idDocument.number' | 'contact.phone';

interface Props {
  onOpen?: ((recordId: string) => void) | undefined;
  onBack: () => void;
}

/** Find a guest (R15): exact by ID number or phone, by name or pinyin initials; masked results. */
export function SearchScreen({ onOpen, onBack }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [mode, setMode] = useState<Mode>('name');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<GuestHit[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function search(): Promise<void> {
    const text = query.trim();
    if (text === '') {
      setProblem(t('validation.account.required'));
      return;
    }
    const input =
      mode === 'idNumber' ? { idNumber: text } : mode === 'phone' ? { phone: text } : { name: text };
    const result = await api().call('guests.search', input);
    if (!result.ok) {
      setProblem(say(t, refusalMessage(result.error)));
      return;
    }
    setProblem(null);
    setHits(result.value.hits);
  }

  return (
    <section className="panel panel-wide" aria-labelledby="search-title">
      <h1 id="search-title" ref={heading} tabIndex={-1}>
        {t('records.search.title')}
      </h1>
      <p>{t('records.search.intro')}</p>
      <form
        role="search"
        aria-labelledby="search-title"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <div className="form-row">
          <div className="field">
            <label htmlFor={`${id}-mode`}>{t('records.search.by')}</label>
            <select
              id={`${id}-mode`}
              value={mode}
              onChange={(event) => {
                setMode(event.target.value as Mode);
              }}
            >
              <option value="name">{t('records.search.byName')}</option>
              <option value="idNumber">{t('records.search.byId')}</option>
              <option value="phone">{t('records.search.byPhone')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-query`}>{t('records.search.query')}</label>
            <input
              id={`${id}-query`}
              value={query}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(event) => {
                setQuery(event.target.value);
              }}
            />
            {problem && (
              <p id={`${id}-problem`} className="field-problem">
                {problem}
              </p>
            )}
          </div>
        </div>
        <div className="actions">
          <button type="button" onClick={onBack}>
            {t('records.back')}
          </button>
          <button type="submit" className="primary">
            {t('records.search.submit')}
          </button>
        </div>
      </form>
      {hits && (
        <section aria-labelledby={`${id}-results`}>
          <h2 id={`${id}-results`}>{t('records.search.results')}</h2>
          {hits.length === 0 ? (
            <p role="status">{t('records.search.none')}</p>
          ) : (
            <ul className="hits">
              {hits.map((hit) => (
                <HitRow key={hit.recordId} hit={hit} onOpen={onOpen} />
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}

function HitRow({ hit, onOpen }: { hit: GuestHit; onOpen?: ((recordId: string) => void) | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState<(typeof REVEAL_REASONS)[number]>('verify_identity');
  const [revealed, setRevealed] = useState<Partial<Record<RevealField, string>>>({});
  const name = hit.guestName || t('records.queue.unnamed');

  async function reveal(field: RevealField): Promise<void> {
    const result = await api().call('guests.reveal', { recordId: hit.recordId, field, reason });
    if (result.ok && result.value.value !== null) {
      const value = result.value.value;
      setRevealed((r) => ({ ...r, [field]: value }));
    }
  }

  const what = (field: RevealField) =>
    t(field === 'idDocument.number' ? 'records.search.idNumber' : 'records.search.phone');
  return (
    <li>
      <span className="hit-name">
        {name}
        <RecordTags vip={false} doubtful={false} />
      </span>
      <span>{t(`records.state.${hit.state}`)}</span>
      {hit.maskedIdNumber && (
        <span>
          {t('records.search.idNumber')}：
          <span className="mono">{revealed['idDocument.number'] ?? hit.maskedIdNumber}</span>
        </span>
      )}
      {hit.maskedPhone && (
        <span>
          {t('records.search.phone')}：
          <span className="mono">{revealed['contact.phone'] ?? hit.maskedPhone}</span>
        </span>
      )}
      <span className="field">
        <label htmlFor={`${id}-reason`}>{t('records.search.revealReason')}</label>
        <select
          id={`${id}-reason`}
          value={reason}
          onChange={(event) => {
            setReason(event.target.value as typeof reason);
          }}
        >
          {REVEAL_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`records.search.reasons.${r}`)}
            </option>
          ))}
        </select>
      </span>
      {(['idDocument.number', 'contact.phone'] as const).map((field) =>
        revealed[field] === undefined &&
        (field === 'idDocument.number' ? hit.maskedIdNumber : hit.maskedPhone) ? (
          <button
            key={field}
            type="button"
            aria-label={`${t('records.search.reveal', { what: what(field) })} ${name}`}
            onClick={() => void reveal(field)}
          >
            {t('records.search.reveal', { what: what(field) })}
          </button>
        ) : null,
      )}
      {onOpen && (
        <button
          type="button"
          onClick={() => {
            onOpen(hit.recordId);
          }}
        >
          {t('records.queue.open', { name })}
        </button>
      )}
      <span className="muted">{t('records.search.revealNote')}</span>
    </li>
  );
}
