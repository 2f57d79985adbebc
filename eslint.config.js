export { default } from '@bixue/eslint-config';
