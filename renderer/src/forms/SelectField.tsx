import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Message, say } from './refusal.js';

interface Props<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  problem?: Message | undefined;
}

/** A labelled native select: keyboard and screen readers know it without help. */
export function SelectField<T extends string>({ label, value, options, onChange, problem }: Props<T>) {
  const { t } = useTranslation();
  const id = useId();
  const problemId = `${id}-problem`;
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {problem && (
        <p id={problemId} className="field-problem">
          {say(t, problem)}
        </p>
      )}
    </div>
  );
}
