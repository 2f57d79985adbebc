export { default } from '@bixue/prettier-config';
