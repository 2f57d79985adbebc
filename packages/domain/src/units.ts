import { z } from 'zod';
import { checkMessage } from './said.ts';

export const LEVELS = ['province', 'city', 'county'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, { zh: string; en: string }> = {
  province: { zh: '省局', en: 'Province' },
  city: { zh: '市局', en: 'City' },
  county: { zh: '县局', en: 'County' },
};

const UNIT_CODE_DIGITS = checkMessage({ zh: '单位代码应为6位数字', en: 'A unit code is 6 digits' });
export const unitCodeSchema = z
  .string()
  .max(6, UNIT_CODE_DIGITS)
  .regex(/^\d{6}$/, UNIT_CODE_DIGITS);
export const levelSchema = z.enum(LEVELS);

export const PARENT_LEVEL: Record<Level, Level | null> = { province: null, city: 'province', county: 'city' };

/** A unit's Chinese name as given (an import's name, 管理 → 单位). */
export const unitNameSchema = z
  .string()
  .trim()
  .min(1, checkMessage({ zh: '单位名称不能为空', en: 'The unit name is empty' }))
  .max(100, checkMessage({ zh: '单位名称不能超过 100 个字符', en: 'The unit name is longer than 100 characters' }));

export const unitImportRowSchema = z.object({
  code: unitCodeSchema,
  name: unitNameSchema,
  level: levelSchema,
  parent_code: z.union([unitCodeSchema, z.literal('')]).transform((v) => (v === '' ? null : v)),
});
export type UnitImportRow = z.infer<typeof unitImportRowSchema>;

/** A unit's English name as given (an import's name_en, 管理 → 单位): Latin text, the Chinese has its own column. */
export const unitNameEnSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(
      max,
      checkMessage({ zh: `英文名称不能超过 ${max} 个字符`, en: `The English name is longer than ${max} characters` }),
    )
    .refine(
      (s) => !/\p{Script=Han}/u.test(s),
      checkMessage({ zh: '英文名称不能含汉字', en: 'The English name has Chinese characters' }),
    );

/** "测试省云雾市气象局" → "云雾市"; keeps the name when nothing can be trimmed. */
export function shortUnitName(name: string): string {
  const trimmed = name.replace(/气象局$/, '');
  const m = /([^省]+?(?:市|县|区|州|盟|旗))$/.exec(trimmed);
  return m?.[1] ?? trimmed;
}
