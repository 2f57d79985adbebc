/** ui.md colours. Red means "behind"; the brand red marks only the brand bar and the selected unit. */
export const STATUSES = ['green', 'yellow', 'red', 'missing', 'undisclosed'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_COLORS: Record<Status, string> = {
  green: '#2E9F5B',
  yellow: '#E6A23C',
  red: '#D64541',
  missing: '#B0B3B8',
  undisclosed: '#B0B3B8',
};

/** Never colour alone: every status also carries an icon. */
export const STATUS_ICONS: Record<Status, string> = {
  green: '✓',
  yellow: '!',
  red: '✕',
  missing: '–',
  undisclosed: 'X',
};

export const BRAND = '#C8161D';
/** calm blue-grey ramp for data that is not a status */
export const DATA = {
  bar: '#5B7DB1',
  line: '#3F5F8F',
  band: 'rgba(91,125,177,0.16)',
  median: '#7A8699',
  target: '#1F2329',
} as const;

/** Hatching for 未报送: ECharts decal, drawn the same on canvas and in SVG export. */
export const MISSING_DECAL = {
  symbol: 'rect',
  symbolSize: 1,
  color: 'rgba(255,255,255,0.65)',
  dashArrayX: [1, 0],
  dashArrayY: [2, 4],
  rotation: -Math.PI / 4,
} as const;

// single quotes: ECharts copies this into double-quoted SVG attributes, where double quotes would break the file
export const FONT_FAMILY = "'PingFang SC','Microsoft YaHei','Noto Sans SC',sans-serif";
