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
  entry: {
    import: 'Spreadsheet import', manual: 'Manual entry', history: 'Change history',
    period: 'Period', unit: 'Unit', indicator: 'Indicator', periodHint: 'e.g. 2026, 2026H1, 2026Q2, 2026-05',
    downloadTemplate: 'Download template', chooseFile: 'Choose a file and upload', fileHint: '.xlsx (template or long form) and .csv (unit_code,indicator,period,value), at most 20 MB; blank is not zero, undisclosed is X or *',
    uploading: 'Uploading {p}%', validating: 'Validating…', committing: 'Writing {done}/{total}',
    counts: { insert: '{n} new', update: '{n} updated', unchanged: '{n} unchanged', ignored: '{n} blank', errors: '{n} problems' },
    problems: 'Problems', problemsMore: 'First {shown} of {n} shown', row: 'Row', column: 'Column', code: 'Kind', message: 'Details',
    fileRows: 'File contents', fileRowsMore: '{shown} of {n} rows shown', changes: 'Changes to be written', action: 'Action',
    actions: { insert: 'New', update: 'Update', unchanged: 'Unchanged' }, oldNew: 'Old → new',
    commit: 'Import', commitBlocked: 'Fix every problem first (a file with problems writes nothing)',
    committed: 'Imported: {inserted} new, {updated} updated, {unchanged} unchanged', nothingToDo: 'Nothing to write',
    form: 'Entry form', load: 'Open', save: 'Save changes', saved: 'Saved: {inserted} new, {updated} updated',
    value: 'Value', undisclosed: 'Undisclosed', current: 'Current', source: 'Source', version: 'Version', updatedBy: 'Changed by', updatedAt: 'Changed at',
    sources: { manual: 'Manual', import: 'Import', report: 'Report', demo: 'Demo' }, missing: 'Not reported', readOnly: 'Read only: you may not enter data for this unit', noChanges: 'No changes',
    conflict: 'Not saved: {msg}', changedAt: 'When', changedBy: 'Who', oldValue: 'Old', newValue: 'New', batch: 'Batch',
  },
  admin: {
    targets: 'Targets', settings: 'Weights & thresholds', peerGroups: 'Peer groups',
    level: 'Level', unit: 'Unit', allLevels: 'By level', oneUnit: 'By unit', year: 'Year', everyYear: 'Every year', value: 'Target', perCapita: 'Per member',
    add: 'Add', edit: 'Edit', delete: 'Delete', save: 'Save', cancel: 'Cancel', saved: 'Saved', confirmDelete: 'Delete this?',
    thresholds: 'Status thresholds', green: 'Green (on target) ≥', yellow: 'Amber (warning) ≥', composite: 'Composite score', cap: 'Cap',
    indicatorWeights: 'Indicator weights', categoryWeights: 'Category weights', anonymise: 'Show peers anonymised to city analysts',
    groupName: 'Name', description: 'Description', members: 'Members', rename: 'Rename', newGroup: 'New peer group', memberCount: '{n} units',
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
