import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Message, say } from '../forms/refusal.js';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: Message | undefined;
  hint?: string;
  rows?: number;
  maxLength?: number;
}

/** A labelled textarea with its hint and problem tied to it for screen readers (TextField's sibling). */
export function TextAreaField({ label, value, onChange, problem, hint, rows = 4, maxLength }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, problem ? `${id}-problem` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        rows={rows}
        value={value}
        maxLength={maxLength}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="field-problem">
          {say(t, problem)}
        </p>
      )}
    </div>
  );
}
