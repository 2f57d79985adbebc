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
  top: { unit: 'Unit', window: 'Period', group: 'Compare with', perMember: 'Per member', category: 'Category', allCategories: 'All categories', indicator: 'Indicator', composite: 'Composite score', breadcrumb: 'Location' },
  card: { more: 'More actions', png: 'Download PNG', svg: 'Download SVG', csv: 'Download Excel/CSV', table: 'View data table', note: 'Definitions', error: 'Could not load', empty: 'No data' },
  groups: { children: 'Units under {name}', level: { province: 'All provinces', city: 'All cities in the province', county: 'All counties in the province' } },
  status: { green: 'On target', yellow: 'Warning', red: 'Behind', missing: 'Not reported', undisclosed: 'Undisclosed', partial: 'Partial {n}/{of} months' },
  overview: {
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
    noChildren: 'This unit has no subordinate units', value: 'This unit', median: 'Peer median', best: 'Peer best', quartile: 'Quartile', yoy: 'YoY', pop: 'vs prev.', window: 'Period', target: 'Target',
    noteBenchmark: 'One row per indicator scaled to its row maximum (0–100): ● this unit, | peer median, light band peer P25–P75, ★ peer best. Quartile 1 is the top 25% of peers.',
    noteComposite: 'Contribution = weight × score ÷ total weight; the contributions add up to the composite.',
    noteTrend: 'This unit (red) beside the peer median (dashed), peer P25–P75 (light band) and target (black dashed); YoY compares with the same period a year earlier, vs prev. with the period before.',
  },
  gaps: {
    title: 'Progress to date', indicator: 'Indicator', actual: 'Actual', proRated: 'Target to date', annual: 'Annual target', needed: 'Still needed', status: 'Status', chart: 'Progress to date (% of annual target)',
    asOf: '{year} · as of {date}, {pct} of the year elapsed', noTargets: 'No indicator has a target',
    note: 'Target to date = annual target × share of the year elapsed today. Still needed = annual target − actual. Most urgent first: not reported, then the lowest actual ÷ target to date.',
  },
  screen: { title: 'bixue · Party-building indicators wall', refreshed: 'Updated {time}', next: 'Next view', nav: 'Display wall' },
  common: { loading: 'Loading…', error: 'Could not load: {msg}', empty: 'No data', yes: 'Yes', no: 'No', language: 'Language' },
};
export default en;
