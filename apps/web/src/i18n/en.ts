import type zh from './zh-CN.ts';

const en: typeof zh = {
  app: { name: 'bixue', subtitle: 'Party-building indicators' },
  nav: { overview: 'Overview', unit: 'Unit profile', gaps: 'Progress to date', entry: 'Data entry', extract: 'Report reader', admin: 'Admin', catalog: 'Units & indicators' },
  login: { title: 'Sign in', username: 'User name', password: 'Password', submit: 'Sign in', failed: 'Wrong user name or password', logout: 'Sign out' },
  catalog: {
    units: 'Units', indicators: 'Indicator catalogue', code: 'Code', name: 'Name', unit: 'Unit', category: 'Category',
    aggregation: 'Over time', direction: 'Direction', derived: 'Derived', perCapita: 'Per member', levels: { province: 'Province', city: 'City', county: 'County' },
    agg: { sum: 'Sum', last: 'Latest', max: 'Maximum' }, dir: { higher_better: 'Higher is better', lower_better: 'Lower is better' },
    unitCount: '{n} units', indicatorCount: '{n} indicators',
  },
  common: { loading: 'Loading…', error: 'Could not load: {msg}', empty: 'No data', yes: 'Yes', no: 'No', language: 'Language' },
  extract: {
    title: 'Report reader', hint: 'Upload or paste a work report (.txt / .docx); bixue proposes facts and saves nothing until you confirm.',
    upload: 'Upload report', paste: 'Paste the whole report here…', read: 'Read', pasted: 'Pasted report', original: 'Original text',
    proposals: 'Proposed facts ({n})', unit: 'Unit', period: 'Period', detected: 'Detected', unknown: 'not found',
    accept: 'Use', indicator: 'Indicator', value: 'Value', confidence: 'Confidence', undisclosed: 'Undisclosed',
    confirm: 'Save {n} facts', savedMessage: 'Saved: {inserted} new, {updated} updated, {unchanged} unchanged',
    savedTitle: 'Stored facts of {unit} for {period}', source: 'Source', sentence: 'Source sentence',
    sources: { manual: 'Manual entry', import: 'Spreadsheet', report: 'Work report', demo: 'Demo data' },
  },
};
export default en;
