import { z } from 'zod';

/** The server's whole configuration, read once; nothing else reads process.env. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  BIXUE_DATA: z.string().default('.data'),
  /** the built web app; absent in API-only tests */
  BIXUE_WEB_DIST: z.string().optional(),
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
