export * from './brief.ts';
export * from './spec.ts';
export * from './title.ts';
