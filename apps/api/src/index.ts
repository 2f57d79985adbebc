export { buildServer, SESSION_COOKIE } from './server.ts';
export { readEnv } from './env.ts';
