// A worker of pool.ts. Plain JavaScript that registers the TypeScript loader itself: the server
// runs under tsx and the tests under vitest, and a worker thread inherits neither's loader.
import { register } from 'tsx/esm/api';

register();
const { runParseTask } = await import('./tasks.ts');

export default runParseTask;
