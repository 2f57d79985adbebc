import { z } from 'zod';
import { checkMessage } from './said.ts';

/** What an indicator code may hold, as every schema of one says it. */
export const INDICATOR_CODE_CHARS = checkMessage({
  zh: '指标代码只能含小写字母、数字和下划线',
  en: 'An indicator code has only lower-case letters, digits and underscores',
});

export const AGGREGATIONS = ['sum', 'last', 'max'] as const;
export const DIRECTIONS = ['higher_better', 'lower_better'] as const;
export const MEASURE_UNITS = ['次', '期', '人次', '学时', '个', '篇', '项', '名', '星', '分', '%'] as const;
export const CATEGORIES = [
  'organization_life',
  'study_training',
  'rectification',
  'awards',
  'rating',
  'membership',
  'publicity',
  'institutions',
  'service',
] as const;

export const CATEGORY_LABELS: Record<Category, { zh: string; en: string }> = {
  organization_life: { zh: '组织生活', en: 'Organisational life' },
  study_training: { zh: '学习培训', en: 'Study and training' },
  rectification: { zh: '问题整改', en: 'Rectification' },
  awards: { zh: '表彰奖励', en: 'Awards' },
  rating: { zh: '星级评定', en: 'Star rating' },
  membership: { zh: '党员队伍', en: 'Membership' },
  publicity: { zh: '宣传品牌', en: 'Publicity and brands' },
  institutions: { zh: '制度调研', en: 'Rules and research' },
  service: { zh: '志愿服务', en: 'Volunteer service' },
};

/** Measures that only come in whole numbers (meetings, classes, attendances, items, persons): 学时, 星, 分 and % do not. */
export const COUNT_UNITS: readonly MeasureUnit[] = ['次', '期', '人次', '个', '篇', '项', '名'];

export type Aggregation = (typeof AGGREGATIONS)[number];
export type Direction = (typeof DIRECTIONS)[number];
export type MeasureUnit = (typeof MEASURE_UNITS)[number];
export type Category = (typeof CATEGORIES)[number];

export const formulaSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ratio'),
    numerator: z.string(),
    denominator: z.string(),
    scale: z.number(),
  }),
  z.object({
    kind: z.literal('weighted_sum'),
    /** indicator code → default weight; a province may override weights in settings */
    terms: z.record(z.string(), z.number()),
  }),
]);
export type Formula = z.infer<typeof formulaSchema>;

export const indicatorSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, INDICATOR_CODE_CHARS),
  nameZh: z.string().min(1).max(60),
  nameEn: z.string().min(1).max(80),
  category: z.enum(CATEGORIES),
  unit: z.enum(MEASURE_UNITS),
  aggregation: z.enum(AGGREGATIONS),
  direction: z.enum(DIRECTIONS),
  perCapitaAllowed: z.boolean(),
  formula: formulaSchema.nullable(),
  /** Upper bound of a believable value for one year (sum indicators scale it by months); import flags values above it. */
  plausibleMax: z.number().positive(),
  sortOrder: z.number().int(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

type Seed = Omit<Indicator, 'sortOrder' | 'formula' | 'direction' | 'perCapitaAllowed'> &
  Partial<Pick<Indicator, 'formula' | 'direction' | 'perCapitaAllowed'>>;

const count = (
  code: string,
  nameZh: string,
  nameEn: string,
  category: Category,
  unit: MeasureUnit,
  plausibleMax: number,
  extra: Partial<Seed> = {},
): Seed => ({ code, nameZh, nameEn, category, unit, aggregation: 'sum', plausibleMax, ...extra });

const SEED: Seed[] = [
  count('members_congress', '党员大会', "Party members' congress", 'organization_life', '次', 60),
  count('branch_committee', '支部委员会会议', 'Branch committee meetings', 'organization_life', '次', 120),
  count('party_group_meeting', '党小组会', 'Party group meetings', 'organization_life', '次', 240),
  count('party_lecture', '党课', 'Party lectures', 'organization_life', '次', 60),
  count('theme_party_day', '主题党日', 'Theme Party days', 'organization_life', '次', 60),
  count('org_life_meeting', '组织生活会', 'Organisational life meetings', 'organization_life', '次', 24),
  count('democratic_review', '民主评议党员', 'Democratic reviews of members', 'organization_life', '次', 12),
  count('collective_study', '集中学习', 'Collective study sessions', 'study_training', '次', 200),
  count('center_group_study', '党组理论学习中心组学习', 'Leading group theory study', 'study_training', '次', 60),
  count('seminar', '专题研讨', 'Thematic seminars', 'study_training', '次', 60),
  count('warning_education', '警示教育', 'Warning education', 'study_training', '次', 60),
  count('training_classes', '培训班', 'Training classes', 'study_training', '期', 100),
  count('training_person_times', '培训人次', 'Training attendances', 'study_training', '人次', 100000, {
    perCapitaAllowed: true,
  }),
  count('training_hours', '集中学习培训学时', 'Study and training hours', 'study_training', '学时', 200000, {
    perCapitaAllowed: true,
  }),
  count('issues_found', '查摆问题', 'Issues identified', 'rectification', '个', 500),
  count('issues_closed', '完成整改', 'Issues rectified', 'rectification', '个', 500),
  {
    code: 'rectification_rate',
    nameZh: '整改完成率',
    nameEn: 'Rectification rate',
    category: 'rectification',
    unit: '%',
    aggregation: 'last',
    plausibleMax: 100,
    formula: { kind: 'ratio', numerator: 'issues_closed', denominator: 'issues_found', scale: 100 },
  },
  count('awards_national', '国家级表彰', 'National awards', 'awards', '项', 20),
  count('awards_provincial', '省部级表彰', 'Provincial awards', 'awards', '项', 50),
  count('awards_city', '市(厅局)级表彰', 'City-level awards', 'awards', '项', 100),
  count('awards_county', '县级表彰', 'County-level awards', 'awards', '项', 200),
  {
    code: 'award_score',
    nameZh: '表彰积分',
    nameEn: 'Award score',
    category: 'awards',
    unit: '分',
    aggregation: 'sum',
    plausibleMax: 2000,
    formula: {
      kind: 'weighted_sum',
      terms: { awards_national: 10, awards_provincial: 5, awards_city: 2, awards_county: 1 },
    },
  },
  { ...count('star_rating', '星级评定', 'Star rating', 'rating', '星', 5), aggregation: 'last' },
  {
    ...count('member_count', '党员人数', 'Party members', 'membership', '名', 100000),
    aggregation: 'last',
  },
  count('new_members', '发展党员', 'New members admitted', 'membership', '名', 1000, { perCapitaAllowed: true }),
  count('media_articles', '宣传稿件(上稿)', 'Published articles', 'publicity', '篇', 2000, { perCapitaAllowed: true }),
  { ...count('party_brands', '党建品牌', 'Party-building brands', 'publicity', '个', 500), aggregation: 'last' },
  count('research_reports', '调研报告', 'Research reports', 'institutions', '篇', 200),
  count('new_rules', '新建制度', 'New rules adopted', 'institutions', '项', 200),
  count('volunteer_person_times', '志愿服务', 'Volunteer service', 'service', '人次', 200000, {
    perCapitaAllowed: true,
  }),
];

/** The seed catalog of domain.md §3, in display order. */
export const INDICATOR_CATALOG: readonly Indicator[] = SEED.map((s, i) =>
  indicatorSchema.parse({
    direction: 'higher_better',
    perCapitaAllowed: false,
    formula: null,
    ...s,
    sortOrder: (i + 1) * 10,
  }),
);

export const BASE_INDICATOR_CODES = INDICATOR_CATALOG.filter((i) => !i.formula).map((i) => i.code);

export function isDerived(i: Pick<Indicator, 'formula'>): boolean {
  return i.formula !== null;
}

/** Codes a derived indicator is computed from. */
export function formulaInputs(f: Formula): string[] {
  return f.kind === 'ratio' ? [f.numerator, f.denominator] : Object.keys(f.terms);
}

/** The measure units of §3 in English: 5 times, 667 person-times, 32 hours. */
export const MEASURE_UNITS_EN: Readonly<Record<string, string>> = {
  次: 'times',
  期: 'sessions',
  人次: 'person-times',
  学时: 'hours',
  个: 'items',
  篇: 'articles',
  项: 'items',
  名: 'persons',
  人: 'persons',
  星: 'stars',
  分: 'pts',
  元: 'yuan',
  '%': '%',
};

/** The English measure units for exactly one: "1 time", not "1 times". */
export const MEASURE_UNITS_EN_ONE: Readonly<Record<string, string>> = {
  times: 'time',
  sessions: 'session',
  'person-times': 'person-time',
  hours: 'hour',
  items: 'item',
  articles: 'article',
  persons: 'person',
  stars: 'star',
  pts: 'pt',
};

/** An indicator's measure unit as the language writes it: 次 in Chinese, "times" in English. */
export function measureUnitText(unit: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  return locale === 'en' ? (MEASURE_UNITS_EN[unit] ?? unit) : unit;
}
