import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { say, type Message } from '../forms/refusal.js';

/** A labelled calendar date (the browser's date picker, which writes it in the person's locale) with its problem. */
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
  const problemId = `${id}-problem`;
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      {problem && (
        <p id={problemId} className="field-problem">
          {say(t, problem)}
        </p>
      )}
    </div>
  );
}
