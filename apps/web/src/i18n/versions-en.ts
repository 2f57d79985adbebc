import type { versionsZh } from './versions-zh.ts';

/** Data versions (the picker, the banner, the diff page) strings, English. */
export const versionsEn: typeof versionsZh = {
  nav: 'Data versions',
  title: 'Compare data versions',
  intro:
    'Every write of data (import, entry, approval, correction), every change of targets or settings and every closed reporting period makes a new data version. Choose two versions to see the data that changed between them, who changed it and why.',
  picker: 'Data version',
  current: 'Current data (v{v})',
  latest: 'Current data',
  option: 'v{v} · {time} · {who}',
  what: '{source}, {n} facts',
  reason: 'Reason: {reason}',
  system: 'system',
  banner: 'Viewing data version {v} (as of {time})',
  bannerPast: 'Every card shows the data, targets and settings as they stood at that version.',
  back: 'Back to current',
  from: 'From version',
  to: 'To version',
  swap: 'Swap',
  compare: 'Compare',
  changes: 'v{from} → v{to}: {n} facts changed',
  none: 'No data changed between these two versions',
  unit: 'Unit',
  indicator: 'Indicator',
  period: 'Period',
  before: 'Old value',
  after: 'New value',
  who: 'Changed by',
  when: 'When',
  why: 'Reason / note',
  absent: '(none)',
  undisclosed: 'undisclosed',
  steps: 'over {n} changes',
  viewAt: 'View the overview at this version',
  orderNote:
    'Versions number the writes in order; no data is copied. Viewed as of a version, the data is rewound through the audit log.',
};
