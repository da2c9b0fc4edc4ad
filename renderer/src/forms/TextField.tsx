import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { type Message, say } from './refusal.js';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  /** the note next to the field when the core or the form refused what is in it */
  problem?: Message | undefined;
  hint?: string;
  autoComplete?: string;
  autoFocus?: boolean;
  className?: string;
  inputRef?: Ref<HTMLInputElement>;
  maxLength?: number;
  spellCheck?: boolean;
}

/** One labelled input, its hint and its problem, tied together for screen readers. */
export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  problem,
  hint,
  autoComplete,
  autoFocus,
  className,
  inputRef,
  maxLength,
  spellCheck,
}: Props) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [hint ? hintId : null, problem ? problemId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        ref={inputRef}
        className={className}
        type={type}
        value={value}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
        maxLength={maxLength}
        spellCheck={spellCheck}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
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
