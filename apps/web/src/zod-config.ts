import { config } from 'zod';

// zod probes `new Function` to speed up parsing; under our CSP (no 'unsafe-eval') that probe is
// reported as a violation, so the browser build runs zod without it
config({ jitless: true });
