import { useTranslation } from 'react-i18next';
import { AUDIT_VERDICTS, type AuditVerdict } from '../../../shared/domain/sampling-audit.js';

interface Props {
  path: string;
  label: string;
  verdict: AuditVerdict | undefined;
  note: string;
  saved: boolean;
  disabled: boolean;
  onVerdict: (verdict: AuditVerdict) => void;
  onNote: (note: string) => void;
  onNoteDone: () => void;
}

/** One field's finding: correct, wrong or missing, and a note (sealed by the core: it may quote values). */
export function VerdictControl({
  path,
  label,
  verdict,
  note,
  saved,
  disabled,
  onVerdict,
  onNote,
  onNoteDone,
}: Props) {
  const { t } = useTranslation();
  const name = `verdict-${path}`;
  return (
    <span className="verdict">
      <span
        role="radiogroup"
        aria-label={t('supervision.check.verdict', { field: label })}
        className="verdict-choices"
      >
        {AUDIT_VERDICTS.map((choice) => (
          <label key={choice} className={`verdict-${choice}`}>
            <input
              type="radio"
              name={name}
              value={choice}
              checked={verdict === choice}
              disabled={disabled}
              onChange={() => {
                onVerdict(choice);
              }}
            />
            {t(`supervision.check.${choice}`)}
          </label>
        ))}
      </span>
      <input
        type="text"
        className="verdict-note"
        aria-label={t('supervision.check.note', { field: label })}
        value={note}
        maxLength={1000}
        disabled={disabled}
        onChange={(event) => {
          onNote(event.target.value);
        }}
        onBlur={onNoteDone}
      />
      {saved && <span className="muted verdict-saved">{t('supervision.check.saved')}</span>}
    </span>
  );
}
