/**
 * The charts the app draws, by the name the exports, the briefing basket and the CLI use:
 * `/export/{chart}.{format}`, `bixue export --chart`, a basket item's kind.
 */
export const CHART_KINDS = [
  'ranking',
  'trend',
  'benchmark',
  'heatmap',
  'composite',
  'gaps',
  'status-counts',
  'movers',
  'completeness',
  'multiples',
] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
