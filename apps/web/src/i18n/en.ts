import type zh from './zh-CN.ts';

const en: typeof zh = {
  app: { name: 'bixue', subtitle: 'Party-building indicators' },
  nav: { overview: 'Overview', unit: 'Unit profile', gaps: 'Progress to date', entry: 'Data entry', extract: 'Report reader', admin: 'Admin', catalog: 'Units & indicators', myUnit: 'My unit', users: 'Users' },
  login: { title: 'Sign in', username: 'User name', password: 'Password', submit: 'Sign in', failed: 'Wrong user name or password', logout: 'Sign out', locked: 'Too many failed sign-ins; try again in {min} minutes' },
  catalog: {
    units: 'Units', indicators: 'Indicator catalogue', code: 'Code', name: 'Name', unit: 'Unit', category: 'Category',
    aggregation: 'Over time', direction: 'Direction', derived: 'Derived', perCapita: 'Per member', levels: { province: 'Province', city: 'City', county: 'County' },
    agg: { sum: 'Sum', last: 'Latest', max: 'Maximum' }, dir: { higher_better: 'Higher is better', lower_better: 'Lower is better' },
    unitCount: '{n} units', indicatorCount: '{n} indicators',
  },
  common: { loading: 'Loading…', error: 'Could not load: {msg}', empty: 'No data', yes: 'Yes', no: 'No', language: 'Language', forbidden: 'Access denied', save: 'Save', cancel: 'Cancel' },
  units: {
    level: 'Level', parent: 'Parent unit', children: 'Sub-units', active: 'Active', now: 'now', back: 'Back to units & indicators',
    forbiddenHint: 'Unit {code} is outside what you may see', missing: 'There is no unit {code}',
  },
  users: {
    title: 'Users', create: 'New user', edit: 'Edit', displayName: 'Name', role: 'Role', scope: 'Scope', status: 'Status', actions: 'Actions',
    active: 'Active', disabled: 'Disabled', enable: 'Enable', disable: 'Disable', resetPassword: 'Reset password', saved: 'Saved', passwordReset: 'Password reset; the user must sign in again',
    newPasswordFor: 'New password for {user} (at least 8 characters)', passwordRule: 'Passwords have 8 to 200 characters', scopeHint: 'unit code, e.g. 990101',
    roles: { admin: 'Administrator', leader: 'Leader', analyst: 'Analyst', reporter: 'Reporter' },
  },
};
export default en;
