/** How one indicator is written in a report: its phrases and the counters its figure takes. */
export interface IndicatorPattern {
  readonly indicator: string;
  /** Phrases naming the indicator; the figure follows them (召开党员大会5次). */
  readonly keywords: RegExp;
  readonly counters: readonly string[];
  /** The figure may also come right before the phrase (打造38个党建品牌, 召开3次支委会). */
  readonly numberFirst?: boolean;
  /** The counter alone names the indicator (五星级, 40学时), given `requires` in the clause. */
  readonly counterOnly?: boolean;
  /** The clause must also say this (新建 for 制度, 问题 for 查摆). */
  readonly requires?: RegExp;
  /** The clause must not say this (培育发展对象1名 is no new member). */
  readonly excludes?: RegExp;
}

const MEETING = ['次', '场', '场次'] as const;
const SESSION = ['次', '场', '场次', '期', '堂'] as const;
const ITEMS = ['个', '条', '项'] as const;

export const LEXICON: readonly IndicatorPattern[] = [
  { indicator: 'members_congress', keywords: /党员大会/g, counters: MEETING, numberFirst: true },
  {
    indicator: 'branch_committee',
    keywords: /支部委员会(?:会议)?|支委(?:扩大)?会(?:议)?/g,
    counters: MEETING,
    numberFirst: true,
  },
  // 党小组, never 党组: 党组会议 is the leading group's meeting, another thing altogether.
  { indicator: 'party_group_meeting', keywords: /党小组(?:会议|学习会|会)/g, counters: MEETING, numberFirst: true },
  { indicator: 'party_lecture', keywords: /党课/g, counters: SESSION, numberFirst: true },
  { indicator: 'theme_party_day', keywords: /主题党日/g, counters: SESSION, numberFirst: true },
  { indicator: 'org_life_meeting', keywords: /组织生活会/g, counters: MEETING, numberFirst: true },
  { indicator: 'democratic_review', keywords: /民主评议(?:党员)?/g, counters: ['次'], numberFirst: true },
  { indicator: 'collective_study', keywords: /集中学习|集体学习|集中学/g, counters: SESSION, numberFirst: true },
  {
    indicator: 'center_group_study',
    // 中心组学习, 中心组(扩大)学习研讨会: the study and its seminar are one meeting of the group.
    keywords: /(?:党组|党委)?(?:理论学习)?中心组(?:[(（]扩大[)）])?[^，。；、\d]{0,4}?学习(?:研讨会|研讨|会议|会)?/g,
    counters: SESSION,
    numberFirst: true,
  },
  {
    indicator: 'seminar',
    keywords: /专题研讨|集中研讨|交流研讨|研讨交流|研讨会|专题讨论|(?:专题|集中)学习研讨/g,
    counters: SESSION,
    numberFirst: true,
  },
  { indicator: 'warning_education', keywords: /警示教育/g, counters: SESSION, numberFirst: true },
  {
    indicator: 'training_classes',
    keywords: /培训班|读书班|轮训班|研修班|专题班|学习班/g,
    counters: ['期', '个', '场', '次'],
    numberFirst: true,
    // Sending people to another body's classes (参加了省管局3期培训班) holds none of this unit's.
    excludes: /参加|参学|选送|选派/,
  },
  { indicator: 'training_person_times', keywords: /培训班|读书班|学习班|轮训|参训|培训/g, counters: ['人次'] },
  {
    indicator: 'training_hours',
    keywords: /学时/g,
    counters: ['学时'],
    counterOnly: true,
    requires: /学习|培训|学时/,
  },
  {
    indicator: 'issues_found',
    keywords: /查摆(?:出)?(?:问题)?|查找(?:出)?(?:问题)?|问题清单|梳理(?:出)?(?:问题)?|检视(?:出)?(?:问题)?|发现问题/g,
    counters: ITEMS,
    requires: /问题/,
  },
  {
    indicator: 'issues_closed',
    keywords: /(?:已)?完成(?:问题)?整改|整改(?:到位|完成|销号)|已整改|已销号/g,
    counters: ITEMS,
  },
  { indicator: 'rectification_rate', keywords: /整改(?:完成)?率/g, counters: ['%'] },
  {
    indicator: 'star_rating',
    keywords: /星级/g,
    counters: ['星级', '星'],
    counterOnly: true,
    requires: /党组织|党支部|支部|党委/,
  },
  {
    indicator: 'member_count',
    // 有党员24人, 共有中共党员24人; 正式/预备 after 有 say whose share it is (正式党员11人，预备党员3人).
    // …and 正式党员83名 written as a bare count.
    keywords:
      /有(?:在职|中共|共产)?(?=(?:正式|预备)?党员)|党员(?:总数|人数)(?:为|共)?|(?<=^|[，。；：:、\n])正式党员(?=\d)/g,
    counters: ['名', '人'],
    excludes: /发展|转正|吸收|接收|积极分子|发展对象|参加|参与|出席|到会/,
  },
  {
    indicator: 'new_members',
    keywords: /发展(?=[^，。；]{0,5}党员)(?:新)?(?:党员)?|预备党员|新党员|吸收(?=[^，。；]{0,5}党员)/g,
    counters: ['名', '人'],
    numberFirst: true,
    requires: /转正|发展|吸收|接收|成为|入党/,
    excludes: /发展对象|积极分子/,
  },
  {
    indicator: 'media_articles',
    keywords: /上稿|稿件|宣传信息|信息稿|新闻稿|刊发|刊登|发表/g,
    counters: ['篇', '条'],
    numberFirst: true,
    // Papers and books are scholarship, not publicity.
    excludes: /论文|专著|著作/,
  },
  { indicator: 'party_brands', keywords: /(?:党建|支部)品牌/g, counters: ['个', '项'], numberFirst: true },
  {
    indicator: 'research_reports',
    keywords: /调研报告|调研文章|调研课题/g,
    counters: ['篇', '份', '个'],
    numberFirst: true,
  },
  {
    indicator: 'new_rules',
    keywords: /制度|办法|细则/g,
    counters: ITEMS,
    numberFirst: true,
    // Revising a rule (修订, 完善) makes no new one.
    requires: /新建|新制定|制定|建立|出台|健全/,
  },
  { indicator: 'volunteer_person_times', keywords: /志愿服务|志愿者|志愿活动/g, counters: ['人次'] },
];

/** Every counter any pattern takes, longest first so 人次 wins over 人 and 场次 over 场. */
export const COUNTERS: readonly string[] = [...new Set(LEXICON.flatMap((p) => p.counters))].sort(
  (a, b) => b.length - a.length,
);

/** Total markers: 共计24次 is the unit's own total, not a part. */
export const TOTAL_MARKER = /共计|累计|合计|总计|总共|全年|共/;
/** A breakdown of a total already stated (共查摆12条，其中班子3条). */
export const BREAKDOWN_MARKER = /其中/;
/** Who a share of a summed count belongs to (班子1条，全体党员5条). */
/** Head counts of something else that may follow a share: 评选出优秀党员44人, 流动党员2名. */
export const NOT_A_SHARE = /评|选|表彰|奖|参加|参与|出席|流动|积极分子|对象|申请/;
export const PART_LABEL =
  /领导班子|班子成员|班子|党员个人|全体党员|普通党员|正式党员|预备党员|个人|[^，。；、\d]{0,4}干部|党员/;
/** A single month or quarter inside a longer report: a partial figure. */
export const SUBPERIOD_MARKER = /\d{1,2}月|[一二三四五六七八九十]{1,2}月份|季度/;
/** A frequency or a per-head figure, not a count (每月1次集体学习, 人均40学时). */
export const RATE_MARKER = /每(?:月|季度?|周|年|半年|天|日|人|名)|人均|平均/;
/** Counts of subordinate units (下辖8个县级气象局). */
export const SUBORDINATE_MARKER = /下辖|所辖|管辖/;
/** Bodies other than the reporting unit that reports cite as subjects of their own figures. */
export const OTHER_ORG_WORD =
  /县委|市委|省委|区委|州委|县政府|市政府|区政府|省政府|机关工委|工委|组织部|宣传部|纪委|监委|社区|村委会|村党支部|帮扶村|结对村|共建单位|兄弟单位|联建单位|其他单位|友邻单位/g;
/**
 * Another organisation as the clause's subject (县委组织部举办培训班20期). Only a short place
 * name may precede it: after a verb or preposition (到社区, 与结对社区) the subject is still this unit.
 */
export const OTHER_ORG_SUBJECT = new RegExp(
  `^[^，。到在与向赴进入参加组织开展和同对为给帮助慰问走联合协配被由受经]{0,4}?(?:${OTHER_ORG_WORD.source})`,
);
/** A clause opening that names this unit as subject again after another organisation. */
export const SELF_SUBJECT =
  /^(?:(?:我|本)(?:局|院|校|委|处|所|厅|办|中心|公司|单位|支部|党支部|党委)|局党组|局党支部|我们|全局|局机关)/;
/** Intentions are not facts (力争再开展8次, 明年计划召开…). */
export const PLAN_MARKER =
  /力争|争取|拟|预计|计划(?:开展|召开|举办|组织|发展)|将(?:继续)?(?:开展|召开|举办|组织)|下一步|明年|来年|目标|指导数|任务数|下达/;
/** Says every listed issue was rectified, without a figure of its own (…5条，完成整改). */
export const ALL_CLOSED = /(?:已|均|全部|并)?(?:完成整改|整改完成|整改到位|全部整改|均已整改)/;
export const NOT_ALL_CLOSED = /正在|推进|尚未|未完成|逐步|持续/;
