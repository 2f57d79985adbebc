import { hash, verify } from '@node-rs/argon2';
import type { Role } from '@bixue/domain';
import type { Kysely } from 'kysely';
import type { Database, User } from './schema.ts';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeUnitCode: string;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

export async function createUser(db: Kysely<Database>, u: NewUser): Promise<User> {
  return db
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      password_hash: await hashPassword(u.password),
      role: u.role,
      scope_unit_code: u.scopeUnitCode,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
