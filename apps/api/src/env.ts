import { z } from 'zod';

/** The server's whole configuration, read once; nothing else reads process.env. */
export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_URL: z.string().url().optional(),
    /** Streaming replicas of DATABASE_URL, comma separated: reads go to them (packages/db read-replicas.ts). */
    DATABASE_REPLICA_URLS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((u) => u.trim())
          .filter((u) => u !== ''),
      )
      .pipe(z.array(z.string().url())),
    BIXUE_DATA: z.string().default('.data'),
    /** the built web app; absent in API-only tests */
    BIXUE_WEB_DIST: z.string().optional(),
    /**
     * Behind a reverse proxy: "true" (trust X-Forwarded-For from anyone) or the proxies' addresses
     * ("10.0.0.1,10.0.0.2"). Off by default: a forged header would otherwise
     * let a guesser pick a fresh client address for every login attempt.
     */
    BIXUE_TRUST_PROXY: z
      .string()
      .optional()
      .transform((v) => (v === undefined || v === '' || v === 'false' ? false : v === 'true' ? true : v)),
    /**
     * Requests per minute from one client address (rate-limits.ts), default 3000; 0 turns the
     * per-address limit off (a load test from one address). The login limits stay on.
     */
    BIXUE_RATE_LIMIT: z.coerce.number().int().min(0).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((e) => e.DATABASE_REPLICA_URLS.length === 0 || e.DATABASE_URL, {
    path: ['DATABASE_REPLICA_URLS'],
    message: 'replicas need DATABASE_URL (the primary they replicate)',
  });
export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`环境变量有误 / bad environment: ${problems}`);
  }
  return parsed.data;
}
