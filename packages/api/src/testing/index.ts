export * from './access-cases.ts';
