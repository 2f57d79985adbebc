import { z } from 'zod';

export const ROLES = ['admin', 'leader', 'analyst', 'reporter'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

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
