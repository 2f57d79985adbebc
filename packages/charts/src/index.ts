export * from './palette.ts';
export * from './labels.ts';
export * from './format.ts';
export * from './types.ts';
export * from './table.ts';
export * from './from-api.ts';
export * from './paging.ts';
export * from './commentary.ts';
// one folder per chart kind: API → rows, ECharts option, table
export * from './ranking/index.ts';
export * from './heatmap/index.ts';
export * from './benchmark/index.ts';
export * from './waterfall/index.ts';
export * from './trend/index.ts';
export * from './gaps/index.ts';
export * from './status-counts/index.ts';
export * from './movers/index.ts';
