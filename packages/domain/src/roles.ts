import { z } from 'zod';
import { checkMessage } from './said.ts';

export const ROLES = ['admin', 'leader', 'analyst', 'reporter'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const usernameSchema = z
  .string()
  .min(2, checkMessage({ zh: '用户名至少2个字符', en: 'A user name has at least 2 characters' }))
  .max(32, checkMessage({ zh: '用户名最多32个字符', en: 'A user name has at most 32 characters' }))
  .regex(
    /^[A-Za-z0-9_.-]+$/,
    checkMessage({
      zh: '用户名只能包含字母、数字、点、下划线和连字符',
      en: 'A user name has only letters, digits, dots, underscores and hyphens',
    }),
  );

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '省局管理员', en: 'Administrator' },
  leader: { zh: '领导', en: 'Leader' },
  analyst: { zh: '市局分析员', en: 'Analyst' },
  reporter: { zh: '县局填报员', en: 'Reporter' },
};

export const FACT_SOURCES = ['manual', 'import', 'report', 'demo'] as const;
export type FactSource = (typeof FACT_SOURCES)[number];
export const FACT_STATUSES = ['value', 'undisclosed'] as const;
export type FactStatus = (typeof FACT_STATUSES)[number];

/**
 * The unit levels a user of each role may be scoped to. A reporter's scope is the unit itself,
 * every other role's scope is the unit's subtree.
 */
export const ROLE_SCOPE_LEVELS: Record<Role, readonly ('province' | 'city' | 'county')[]> = {
  admin: ['province'],
  leader: ['province', 'city'],
  analyst: ['province', 'city'],
  reporter: ['province', 'city', 'county'],
};
