import { z } from 'zod';
import { checkMessage } from './said.ts';
import { CATEGORIES, INDICATOR_CODE_CHARS } from './catalog.ts';
import { SANE_MAX } from './fact-rules.ts';

/** A yearly plausible bound (as the catalog's plausibleMax): above 0, below any impossible value. */
export const plausibleBoundSchema = z
  .number()
  .positive(checkMessage({ zh: '合理上限应大于 0', en: 'A plausible bound is above 0' }))
  .max(SANE_MAX, checkMessage({ zh: `合理上限最多 ${SANE_MAX}`, en: `A plausible bound is at most ${SANE_MAX}` }));

/**
 * Per-province settings (table `settings`, one row per key). Every key has a default, so a
 * province that never touched its settings still ranks, scores and colours.
 */
export const settingsSchemas = {
  /** status colours: green at or above `green` × pro-rated target, yellow at or above `yellow` */
  status_thresholds: z
    .object({ green: z.number().positive().max(10), yellow: z.number().positive().max(10) })
    .refine((t) => t.yellow <= t.green, {
      message: checkMessage({
        zh: '黄灯阈值不能高于绿灯阈值',
        en: 'The yellow threshold cannot be above the green one',
      }),
    }),
  /** composite: weight per indicator code, else per category, else 1; cap on capped attainment */
  composite: z.object({
    cap: z.number().min(1).max(5),
    indicatorWeights: z.record(z.string().max(63), z.number().min(0).max(100)),
    categoryWeights: z.partialRecord(z.enum(CATEGORIES), z.number().min(0).max(100)),
  }),
  /** analysts see peers of other subtrees as 同级单位A, B, … when true */
  anonymise_peers: z.boolean(),
  /**
   * k-anonymity: peer statistics (median, quartiles, best) are shown to a viewer only when at
   * least this many units besides the viewer's own have a value; fewer would give them away
   */
  peer_min_others: z.number().int().min(1).max(50),
  /**
   * The province's own plausible bound per indicator (yearly, as the catalog's plausibleMax):
   * a value beyond it is a warning the person confirms. Indicators not named keep the catalog's.
   */
  plausible_bounds: z.record(
    z
      .string()
      .max(63)
      .regex(/^[a-z][a-z0-9_]{1,62}$/, INDICATOR_CODE_CHARS),
    plausibleBoundSchema,
  ),
  /** weights of 表彰积分 (award_score) */
  award_weights: z.record(z.string(), z.number().min(0).max(1000)),
  /**
   * 数据截至 set by hand ('YYYY-MM'); null: the latest closed reporting period, else the last
   * complete month (domain.md §5)
   */
  data_as_of: z
    .string()
    .max(7)
    .regex(
      /^\d{4}-(0[1-9]|1[0-2])$/,
      checkMessage({
        zh: '数据截至月份应为 YYYY-MM，如 2026-09',
        en: 'The data as-of month is written YYYY-MM, such as 2026-09',
      }),
    )
    .nullable(),
  /** rankings, exports and briefings overlay units' drafts on approved data when true (marked 含未审核数据) */
  count_unapproved: z.boolean(),
  /** 企业微信/钉钉 group-robot URL that 催报 posts to; empty: reminders stay in the app */
  reminder_webhook_url: z.union([
    z.literal(''),
    z
      .string()
      .max(500)
      .regex(
        /^https?:\/\/\S+$/,
        checkMessage({
          zh: '机器人地址应以 http:// 或 https:// 开头',
          en: 'A robot address starts with http:// or https://',
        }),
      ),
  ]),
} as const;

export type SettingKey = keyof typeof settingsSchemas;
export type Settings = { [K in SettingKey]: z.infer<(typeof settingsSchemas)[K]> };

export const DEFAULT_SETTINGS: Settings = {
  status_thresholds: { green: 1, yellow: 0.8 },
  composite: { cap: 1.2, indicatorWeights: {}, categoryWeights: {} },
  anonymise_peers: false,
  peer_min_others: 3,
  plausible_bounds: {},
  award_weights: { awards_national: 10, awards_provincial: 5, awards_city: 2, awards_county: 1 },
  data_as_of: null,
  count_unapproved: false,
  reminder_webhook_url: '',
};

export const SETTING_KEYS = Object.keys(settingsSchemas) as SettingKey[];
