import type { MessageCatalog } from './catalog.js';

/** Quality per staff member (R28), English. Keys must equal zh-CN's (the catalog type says so). */
export const qualityEn: MessageCatalog['quality'] = {
  title: 'Quality figures',
  intro:
    'Per staff member, for the records they entered in the period: accuracy (passed cross-review the first time), completeness (recommended fields filled), timeliness (entered within the time allowed), returns by field and sampling-audit findings. The documentation explains how each is counted.',
  ownOnly: 'Only your own figures are shown here.',
  period: 'Period',
  from: 'From',
  to: 'To',
  show: 'Show figures',
  loading: 'Counting…',
  generatedAt: 'Counted at {{time}}',
  table: {
    caption: 'Quality per staff member, {{from}} to {{to}}',
    staff: 'Staff member',
    role: 'Role',
    entered: 'Entered',
    corrections: 'Of which corrections',
    accuracy: 'Accuracy (first-pass cross-review)',
    completeness: 'Completeness (recommended fields)',
    timeliness: 'Timeliness (entered on time)',
    returns: 'Returns',
    returnedFields: 'Returned fields',
    sampling: 'Sampling findings / fields checked',
    noData: 'no data',
    fieldCount: '{{field}} ×{{count}}',
    noReturns: 'none',
  },
  chart: {
    ratesTitle: 'Accuracy, completeness and timeliness per staff member (%)',
    ratesDesc:
      'Bar chart: the three shares of each staff member who entered records; the same numbers as the table.',
    returnsTitle: 'Returns by field',
    returnsDesc:
      'Bar chart: the fields reviewers pointed at when returning records, and how often; the same numbers as the table.',
    accuracy: 'Accuracy',
    completeness: 'Completeness',
    timeliness: 'Timeliness',
    returns: 'Returns',
    noEntries: 'No entries in this period: nothing to chart.',
    noReturns: 'No returns in this period.',
  },
  csv: {
    download: 'Download CSV',
    done: '{{file}} is ready.',
  },
};
