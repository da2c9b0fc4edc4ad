import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IsoDate } from '../../../shared/domain/calendar.js';
import type { GuestDraft } from '../../../shared/domain/guest-record.js';
import { say, type Message } from '../forms/refusal.js';
import { keyIn } from '../i18n-types.js';
import { displayValue } from './display.js';
import {
  fieldLabelKey,
  requirementOf,
  SECTIONS,
  showsGuardian,
  valueAt,
  type FieldSpec,
} from './draft-model.js';

/** The fields worth a row for this draft: the form's rules (a passport's issuing state, a minor's guardian …). */
export function rowsOf(draft: GuestDraft, today: IsoDate): { section: string; fields: FieldSpec[] }[] {
  const present = (path: string) => {
    const value = valueAt(draft, path);
    return value !== undefined && value !== '';
  };
  return SECTIONS.filter((s) => s.id !== 'guardian' || showsGuardian(draft, today)).map((section) => ({
    section: section.id,
    fields: section.fields.filter((spec) => {
      switch (spec.path) {
        case 'idDocument.issuingCountry':
          return draft.idDocument?.type === 'passport' || present(spec.path);
        case 'birthDate':
          return requirementOf('birthDate', draft, today) === 'required' || present(spec.path);
        case 'doubtReason':
          return draft.doubtful === true || present(spec.path);
        default:
          return true;
      }
    }),
  }));
}

interface Props {
  draft: GuestDraft;
  today: IsoDate;
  /** a problem per field path, shown in the row and highlighted */
  problems?: Readonly<Record<string, Message>>;
  /** mark recommended fields that are empty */
  markRecommended?: boolean;
  /** something after a row's value (a comment box on the review screen) */
  extra?: (path: string, label: string) => ReactNode;
}

/** Every field of a record laid out for checking, section by section. */
export function FieldList({ draft, today, problems = {}, markRecommended = false, extra }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {rowsOf(draft, today).map(({ section, fields }) => (
        <section key={section} aria-labelledby={`fields-${section}`}>
          <h2 id={`fields-${section}`}>{t(keyIn('records.section', section, 'records.wholeRecord'))}</h2>
          <dl className="check-list">
            {fields.map((spec) => {
              const label = t(fieldLabelKey(spec.path));
              const value = displayValue(t, spec, valueAt(draft, spec.path));
              const problem = problems[spec.path];
              const recommended =
                markRecommended && value === '' && requirementOf(spec.path, draft, today) === 'recommended';
              const rowClass = problem ? 'row-problem' : recommended ? 'row-recommended' : undefined;
              return (
                <Fragment key={spec.path}>
                  <dt className={rowClass}>{label}</dt>
                  <dd className={rowClass} data-field={spec.path}>
                    {value === '' ? <span className="muted">{t('records.none')}</span> : value}
                    {problem && <span className="row-note">⚠ {say(t, problem)}</span>}
                    {!problem && recommended && (
                      <span className="row-note">{t('records.selfReview.recommendedMissing')}</span>
                    )}
                    {extra?.(spec.path, label)}
                  </dd>
                </Fragment>
              );
            })}
          </dl>
        </section>
      ))}
    </>
  );
}
