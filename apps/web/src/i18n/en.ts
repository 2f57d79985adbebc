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
};
export default en;
