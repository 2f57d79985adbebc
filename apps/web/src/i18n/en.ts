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
  top: { unit: 'Unit', window: 'Period', group: 'Compare with', perMember: 'Per member', category: 'Category', allCategories: 'All categories', indicator: 'Indicator', composite: 'Composite score', breadcrumb: 'Location' },
  card: { more: 'More actions', png: 'Download PNG', svg: 'Download SVG', pptx: 'Download PowerPoint', exportFailed: 'Export failed ({status})', xlsx: 'Download Excel', csv: 'Download CSV', exportLine: 'Data: bixue · exported {time}', table: 'View data table', note: 'Definitions', error: 'Could not load', empty: 'No data' },
  groups: { builtIn: 'Standard', custom: 'Custom groups', children: 'Units under {name}', level: { province: 'All provinces', city: 'All cities in the province', county: 'All counties in the province' } },
  status: { green: 'On target', yellow: 'Warning', red: 'Behind', missing: 'Not reported', undisclosed: 'Undisclosed', partial: 'Partial {n}/{of} months' },
  overview: {
    sourceUnits: 'Source: the unit register (units and their hierarchy, kept by the admin)',
    kpiUnits: 'Units', kpiReported: 'Reporting rate', kpiMedian: 'Median composite score', kpiRed: 'Red indicators', reportedOf: '{n} of {of} units reported', redHint: 'unit × indicator cells behind target',
    rankedOf: 'Ranked {n} of {of}', ranking: 'Composite score ranking', rankingBy: 'Ranking by {ind}', heatmap: 'Status heatmap', movers: 'Movers', up: 'Most improved', down: 'Fell furthest',
    noMovers: 'No rank changed since the previous period', statusCounts: 'Units on target per indicator', vsPrevious: 'vs {w}', drillHint: 'Click a unit to drill down',
    missingUnits: 'Not reported: {names}',
    noteRanking: 'Composite = weighted mean of indicator scores; with a target the score is min(attainment, 1.2) × 100, without one the peer percentile. Unreported indicators drop out (weights renormalise). Equal scores share a rank and the next rank skips (1, 2, 2, 4); units that did not report are listed last, unranked. Arrows: rank change since the previous comparable period.',
    noteHeatmap: 'Attainment = actual ÷ target pro-rated to date. ≥100% on target (green ✓), ≥80% warning (amber !), otherwise behind (red ✕); not reported is hatched grey, undisclosed an outlined X; a corner mark means only some months are covered. Only indicators with a target are shown.',
    noteCounts: 'How many units are in each status for every indicator.',
    noteMovers: 'Change of composite rank since the previous comparable period.',
  },
  unitPage: {
    benchmark: 'Against peers', composite: 'Composite score breakdown', children: 'Subordinate units ranked', trend: 'Indicator trend', score: 'Composite score', rank: 'Rank',
    noChildren: 'This unit has no subordinate units', value: 'This unit', median: 'Peer median', best: 'Peer best', bestUnit: 'Best unit', weight: 'Weight', contribution: 'Points added', quartile: 'Quartile', yoy: 'YoY', pop: 'vs prev.', window: 'Period', target: 'Target',
    noteBenchmark: 'One row per indicator scaled to its row maximum (0–100): ● this unit, | peer median, light band peer P25–P75, ★ peer best. Quartile 1 is the top 25% of peers.',
    noteComposite: 'Contribution = weight × score ÷ total weight; the contributions add up to the composite.',
    noteTrend: 'This unit (red) beside the peer median (dashed), peer P25–P75 (light band) and target (black dashed); YoY compares with the same period a year earlier, vs prev. with the period before.',
  },
  gaps: {
    title: 'Progress to date', indicator: 'Indicator', unit: 'Measure', coverage: 'Months covered', actual: 'Actual', proRated: 'Target to date', annual: 'Annual target', needed: 'Still needed', status: 'Status', chart: 'Progress to date (% of annual target)',
    asOf: '{year} · as of {date}, {pct} of the year elapsed', noTargets: 'No indicator has a target',
    note: 'Target to date = annual target × share of the year elapsed today. Still needed = annual target − actual. Most urgent first: not reported, then the lowest actual ÷ target to date.',
  },
  screen: { title: 'bixue · Party-building indicators wall', refreshed: 'Updated {time}', next: 'Next view', nav: 'Display wall' },
  extract: {
    title: 'Report reader', hint: 'Upload or paste a work report (.txt / .docx); bixue proposes facts and saves nothing until you confirm.',
    upload: 'Upload report', paste: 'Paste the whole report here…', read: 'Read', pasted: 'Pasted report', original: 'Original text',
    proposals: 'Proposed facts ({n})', unit: 'Unit', period: 'Period', detected: 'Detected', unknown: 'not found',
    accept: 'Use', indicator: 'Indicator', value: 'Value', confidence: 'Confidence', undisclosed: 'Undisclosed',
    confirm: 'Save {n} facts', savedMessage: 'Saved: {inserted} new, {updated} updated, {unchanged} unchanged',
    savedTitle: 'Stored facts of {unit} for {period}', source: 'Source', sentence: 'Source sentence',
    sources: { manual: 'Manual entry', import: 'Spreadsheet', report: 'Work report', demo: 'Demo data' },
  },
  common: { loading: 'Loading…', error: 'Could not load: {msg}', empty: 'No data', yes: 'Yes', no: 'No', language: 'Language', forbidden: 'Access denied', save: 'Save', cancel: 'Cancel' },
  units: {
    level: 'Level', parent: 'Parent unit', children: 'Sub-units', active: 'Active', now: 'now', back: 'Back to units & indicators',
    forbiddenHint: 'Unit {code} is outside what you may see', missing: 'There is no unit {code}',
  },
  // ── Unit profile · trend of every indicator (small multiples): kept apart to ease merging ──
  unitTrends: {
    title: 'Trend of every indicator', zoom: 'Enlarge', close: 'Close', perMemberUnit: '{unit} per member', band: 'Peer P25–P75',
    note: 'One small chart per indicator: this unit (red line; a hollow dot is a partly reported period) with the peer median (grey dashes), the peer P25–P75 (light band) and the target (black dashes). A grey diamond is not reported, a grey cross undisclosed; neither counts as 0. Year-on-year and period-on-period compare the last period with the same period a year earlier and with the one before. With "per member" ticked, only indicators that allow it are shown per member. Click a chart to enlarge it.',
  },
  // ── end Unit profile · trend of every indicator ──
  users: {
    title: 'Users', create: 'New user', edit: 'Edit', displayName: 'Name', role: 'Role', scope: 'Scope', status: 'Status', actions: 'Actions',
    active: 'Active', disabled: 'Disabled', enable: 'Enable', disable: 'Disable', resetPassword: 'Reset password', saved: 'Saved', passwordReset: 'Password reset; the user must sign in again',
    newPasswordFor: 'New password for {user} (at least 8 characters)', passwordRule: 'Passwords have 8 to 200 characters', scopeHint: 'unit code, e.g. 990101',
    roles: { admin: 'Administrator', leader: 'Leader', analyst: 'Analyst', reporter: 'Reporter' },
  },
  // paging of long unit lists (overview and wall screen): kept apart to ease merging
  paging: {
    range: 'Units {from}–{to} of {of}', heatRange: 'Units {from}–{to} of {of}, in ranking order',
    pager: 'Pages', goSelected: 'Go to {name}', andMore: '{names} and others, {n} units in all',
  },
};
export default en;
