import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { say, type Message } from '../forms/refusal.js';

/** A labelled calendar date (YYYY-MM-DD, the browser's date picker) with its problem. */
export function DateField({
  label,
  value,
  onChange,
  problem,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: Message | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      <p id={hintId} className="field-hint">
        {t('supervision.dateHint')}
      </p>
      {problem && (
        <p id={problemId} className="field-problem">
          {say(t, problem)}
        </p>
      )}
    </div>
  );
}
