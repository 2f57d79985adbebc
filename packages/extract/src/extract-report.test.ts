import { describe, expect, it } from 'vitest';
import { extractReport } from './extract-report.ts';

const valueOf = (text: string) =>
  Object.fromEntries(
    extractReport(text).facts.map((f) => [f.indicator, f.status === 'undisclosed' ? 'undisclosed' : f.value]),
  );
const factOf = (text: string, indicator: string) => extractReport(text).facts.find((f) => f.indicator === indicator);

describe('extractReport: figures', () => {
  it('reads Arabic, full-width and Chinese numerals with their counters', () => {
    expect(
      valueOf(
        '召开党员大会５次，支委会十二次，组织集中学习二十四次，培训党员一百二十人次，讲党课两次，开展警示教育3场。',
      ),
    ).toEqual({
      members_congress: 5,
      branch_committee: 12,
      party_lecture: 2,
      collective_study: 24,
      warning_education: 3,
      training_person_times: 120,
    });
  });

  it('reads figures written before their phrase', () => {
    expect(valueOf('共打造38个党建品牌，形成4篇调研报告，1名预备党员按时转正，局党支部获评五星级基层党组织。')).toEqual(
      {
        party_brands: 38,
        research_reports: 4,
        new_members: 1,
        star_rating: 5,
      },
    );
  });

  it('reads event counts written before the event', () => {
    expect(valueOf('上半年召开3次支委会，开展6次主题党日活动，讲了2次专题党课。')).toEqual({
      branch_committee: 3,
      party_lecture: 2,
      theme_party_day: 6,
    });
  });

  it('gives a figure shared by an enumeration to each item only with 各', () => {
    expect(valueOf('召开党员大会、支委会、党小组会共计30次。')).toEqual({});
    expect(valueOf('召开组织生活会和民主评议党员各1次。')).toEqual({ org_life_meeting: 1, democratic_review: 1 });
  });

  it('takes total study hours, not per-member hours', () => {
    expect(valueOf('全支部累计学习456学时、人均38学时。')).toEqual({ training_hours: 456 });
  });

  it('keeps an approximate figure but trusts it less', () => {
    const approx = factOf('党员参加志愿服务一千余人次。', 'volunteer_person_times');
    const exact = factOf('党员参加志愿服务1200人次。', 'volunteer_person_times');
    expect(approx?.value).toBe(1000);
    expect(exact?.value).toBe(1200);
    expect(approx!.confidence).toBeLessThan(exact!.confidence);
    expect(factOf('征求意见X余条，组织志愿服务X余人次。', 'volunteer_person_times')).toMatchObject({
      status: 'undisclosed',
      value: null,
    });
  });

  it('reports masked figures as undisclosed, never as a number', () => {
    const facts = extractReport('召开党员大会X次，支委会XX次。目前有党员*名。组织志愿服务**人次。').facts;
    expect(facts.map((f) => [f.indicator, f.status, f.value])).toEqual([
      ['members_congress', 'undisclosed', null],
      ['branch_committee', 'undisclosed', null],
      ['member_count', 'undisclosed', null],
      ['volunteer_person_times', 'undisclosed', null],
    ]);
  });
});

describe('extractReport: sums and duplicates', () => {
  it('adds up a count stated in parts, and carries it to 完成整改', () => {
    // 1 + 5 = 6 issues, all closed.
    expect(valueOf('对照清单查找问题班子1条，全体党员问题共计5条，完成整改。')).toEqual({
      issues_found: 6,
      issues_closed: 6,
    });
    expect(valueOf('班子查摆问题4条，党员个人查摆问题9条，均已整改到位。')).toEqual({
      issues_found: 13,
      issues_closed: 13,
    });
  });

  it('does not add a breakdown to the total it breaks down', () => {
    expect(valueOf('共查摆问题15个，其中班子问题5个，个人问题10个。')).toEqual({ issues_found: 15 });
  });

  it('does not assume rectification is finished while it is under way', () => {
    expect(valueOf('查找问题4个，正在推进整改。')).toEqual({ issues_found: 4 });
  });

  it('prefers the stated total over monthly mentions, with less confidence', () => {
    const text = '1月份召开支委会2次，2月份召开支委会2次。上半年共召开支委会13次。';
    const fact = factOf(text, 'branch_committee');
    expect(fact?.value).toBe(13);
    expect(fact!.confidence).toBeLessThan(0.92);
    expect(fact?.text).toBe('上半年共召开支委会13次。');
  });

  it('takes a 其中 share as the count when its total is of something else', () => {
    // 48 is the 三会一课 total, no indicator; the shares are the facts.
    expect(
      valueOf('全年共组织开展“三会一课”48次，其中党员大会4次、支委会12次、党课8次。支部书记讲授微党课6堂。'),
    ).toMatchObject({
      members_congress: 4,
      branch_committee: 12,
      party_lecture: 8,
    });
  });

  it('reads a figure from the clause after its phrase', () => {
    expect(valueOf('组织“万名党员进社区”志愿服务活动，参与党员2,100人次。')).toEqual({ volunteer_person_times: 2100 });
    expect(valueOf('县委组织部开展志愿服务活动，参与党员300人次。')).toEqual({});
  });

  it('gives a compound activity’s figure to its first part', () => {
    expect(valueOf('开展主题党日+志愿服务活动12场次。')).toEqual({ theme_party_day: 12 });
    expect(valueOf('开展主题党日暨志愿服务活动5次。')).toEqual({ theme_party_day: 5 });
  });

  it('adds up honours, by the level of who gave them', () => {
    expect(valueOf('两名同志被市直机关工委评为优秀共产党员，一个支部被市直机关工委评为先进基层党组织。')).toEqual({
      awards_city: 3,
    });
    expect(valueOf('一名同志被县直机关工作委员会评为优秀党务工作者。')).toEqual({ awards_county: 1 });
  });
});

describe('extractReport: lookalikes that are not facts of this unit', () => {
  it.each([
    ['党组会议 is not 党小组会', '局党组召开党组会议9次。'],
    ['a count of subordinate units', '下辖8个县级气象局。'],
    ['dates and years', '7月1日，2022年，组织党员重温入党誓词。'],
    ['ordinals', '参加中共某县第十五次党代会，参加第一期培训班。'],
    ['another organisation’s figures', '县委组织部共举办培训班20期。社区党委开展志愿服务活动三百余人次。'],
    ['plans', '下一步，力争再开展主题党日活动8次。'],
    ['frequencies', '坚持每月1次集体学习。'],
    ['per-member hours', '党员人均参加集中学习培训38学时。'],
    ['numbers inside quotation marks and book titles', '深刻领悟“两个确立”，学习《关于召开党员大会3次的通知》。'],
    ['counts of rated bodies', '全省有五星级党支部23个。'],
    ['a mention without a figure', '召开了专题研讨会，开展警示教育。'],
  ])('%s', (_, text) => {
    expect(extractReport(text).facts).toEqual([]);
  });

  it('keeps a joint activity with another organisation as this unit’s own', () => {
    expect(valueOf('与结对社区党支部联合开展主题党日活动两次。')).toEqual({ theme_party_day: 2 });
  });
});

describe('extractReport: how real reports state counts', () => {
  it('reads text extracted from a PDF, with spaces inside words and around figures', () => {
    const original = '机关党支部 2024 年度党建工作总结\n全年召开党员大会 4 次，讲党课共 X 次。';
    const result = extractReport(original);
    expect(result.period).toBe('2024');
    expect(valueOf(original)).toEqual({ members_congress: 4, party_lecture: 'undisclosed' });
    const fact = result.facts.find((f) => f.indicator === 'members_congress')!;
    expect(original.slice(fact.start, fact.end)).toBe('全年召开党员大会 4 次，讲党课共 X 次。');
  });

  it('reads lower-case, doubled and full-width masks', () => {
    expect(valueOf('开展主题党日x次，召开支委会xx次，讲党课Ｘ次，组织集中学习n次。')).toEqual({
      theme_party_day: 'undisclosed',
      branch_committee: 'undisclosed',
      party_lecture: 'undisclosed',
      collective_study: 'undisclosed',
    });
  });

  it.each([
    ['专题讨论', '开展专题讨论5次。'],
    ['专题学习研讨', '组织专题学习研讨5场次。'],
    ['集中学习研讨', '开展集中学习研讨5次。'],
    ['交流研讨', '开展交流研讨5场。'],
    ['研讨会', '召开研讨会5场。'],
  ])('takes %s as a seminar', (_, text) => {
    expect(valueOf(text)).toEqual({ seminar: 5 });
  });

  it('gives the center group its own study sessions, and a branch its own', () => {
    expect(valueOf('召开中心组(扩大)学习研讨会6场次。')).toEqual({ center_group_study: 6 });
    expect(valueOf('局党组把中心组学习作为首要任务，建立学习档案，全年共组织集体学习9次。')).toEqual({
      center_group_study: 9,
    });
    expect(valueOf('党组中心组专题研讨2次，党支部集中学习7次。')).toEqual({ seminar: 2, collective_study: 7 });
  });

  it('reads a figure standing before its phrase across a title or describing words', () => {
    expect(valueOf('书记进行了1次《守初心担使命》的党课。')).toEqual({ party_lecture: 1 });
    expect(valueOf('书记讲了一次题为《永葆本色》的专题党课。')).toEqual({ party_lecture: 1 });
    expect(valueOf('举办了2期新任干部能力提升培训班。')).toEqual({ training_classes: 2 });
    expect(valueOf('经支部大会讨论，3人成为光荣的预备党员。')).toEqual({ new_members: 3 });
  });

  it('reads a total written after a monthly activity', () => {
    expect(valueOf('支部每月开展一次主题党日活动，全年共十二次。')).toEqual({ theme_party_day: 12 });
  });

  it('adds up parts that each carry their own 共', () => {
    expect(valueOf('班子成员共讲党课4次，科级干部共讲党课9次。')).toEqual({ party_lecture: 13 });
  });

  it('adds up full and probationary members, but not a breakdown of a stated total', () => {
    expect(valueOf('本支部共有正式党员18人，预备党员2人。')).toEqual({ member_count: 20 });
    expect(valueOf('支部现有正式党员9名、预备党员2名。')).toEqual({ member_count: 11 });
    expect(valueOf('支部共有党员30名，其中正式党员20名，预备党员10名。')).toEqual({ member_count: 30 });
  });

  it('does not add a head count of something else to the members', () => {
    expect(valueOf('支部共有正式党员30人，评选出优秀党员8人。')).toEqual({ member_count: 30 });
    expect(valueOf('支部现有正式党员5名，预备党员1名，流动党员3名。')).toEqual({ member_count: 6 });
    expect(valueOf('医院党委下设支部4个。正式党员52名，其中在职党员40人。')).toEqual({ member_count: 52 });
  });

  it('carries the center group over from one sentence to the next, not into another paragraph', () => {
    expect(valueOf('党组理论学习中心组坚持规范学习。全年共组织集体学习10次。')).toEqual({ center_group_study: 10 });
    expect(valueOf('党组理论学习中心组坚持规范学习。\n二、支部建设\n全年组织集中学习10次。')).toEqual({
      collective_study: 10,
    });
  });

  it('gives each activity of an enumeration its figure with 分别', () => {
    expect(valueOf('召开组织生活会和民主评议党员会议分别1次。')).toEqual({ org_life_meeting: 1, democratic_review: 1 });
  });

  it('counts honours of several levels named together, one of each', () => {
    expect(valueOf('公司党委获得了市、县先进基层党组织称号。')).toEqual({ awards_city: 1, awards_county: 1 });
  });
});

describe('extractReport: confidence', () => {
  const confidenceOf = (text: string, indicator: string) => factOf(text, indicator)!.confidence;

  it('is highest right after the phrase and falls with the distance', () => {
    const near = confidenceOf('开展警示教育6次。', 'warning_education');
    const apart = confidenceOf('开展警示教育活动共计6次。', 'warning_education');
    const described = confidenceOf('举办了2期新任干部能力提升培训班。', 'training_classes');
    expect(near).toBeGreaterThan(apart);
    expect(apart).toBeGreaterThan(described);
    expect(confidenceOf('举办培训班2期。', 'training_classes')).toBeGreaterThan(described);
  });

  it('is lower where another phrase could take the same figure', () => {
    expect(confidenceOf('开展警示教育专题研讨3次。', 'seminar')).toBeLessThan(
      confidenceOf('开展专题研讨3次。', 'seminar'),
    );
  });

  it('is lower where the indicator comes from the context, not the phrase', () => {
    expect(confidenceOf('中心组成员坚持学习，全年集体学习9次。', 'center_group_study')).toBeLessThan(
      confidenceOf('全年中心组学习9次。', 'center_group_study'),
    );
  });
});

describe('extractReport: figures that belong to someone else', () => {
  it.each([
    [
      'the whole system',
      '县人民法院党组2023年工作总结\n全市法院系统开展专题党课46场次，院党组讲党课3次。',
      { party_lecture: 3 },
    ],
    [
      'a committee above the reporting branch',
      '第三党支部2023年工作总结\n一年来，学院党委发展党员58名，本支部发展党员2名。',
      { new_members: 2 },
    ],
    [
      'another named organisation',
      '东坪区人民医院党委2023年工作总结\n省人民医院打造党建品牌12个，我院打造党建品牌2个。',
      { party_brands: 2 },
    ],
    [
      'a plan or target',
      '乡党委2023年工作总结\n市下达指导数20人，计划发展党员24人，全年发展党员21人。',
      { new_members: 21 },
    ],
  ])('skips %s', (_, text, expected) => {
    expect(valueOf(text)).toEqual(expected);
  });

  it('does not count classes held by another body that the unit sent people to', () => {
    expect(valueOf('举办了2期培训班，选派干部参加了市委党校3期培训班。')).toEqual({ training_classes: 2 });
  });

  it('does not take papers for publicity, revisions for new rules, or aspects for issues', () => {
    expect(valueOf('党员教师发表论文6篇。')).toEqual({});
    expect(valueOf('修订完善学习制度3项。')).toEqual({});
    expect(valueOf('从3个方面查摆问题。')).toEqual({});
  });

  it('takes a clause opened by the reporting kind of body as its own', () => {
    // Other reports cite a 社区 as another body; here the 社区 reports.
    expect(valueOf('社区党委工作总结\n一、基本情况\n青石社区现有党员86名，下设四个支部。')).toEqual({
      member_count: 86,
    });
  });

  it('takes the issuer of an honour from the clause announcing it', () => {
    expect(valueOf('近日，市委宣传部表彰了一批先进单位，县检察院获得“理论学习先进单位”称号。')).toEqual({
      awards_city: 1,
    });
  });

  it('takes a clause opened by the reporting organisation as its own', () => {
    expect(valueOf('区教育工委2022年度述职报告\n区教育工委举办党务知识培训班2场，培训党员600人次。')).toEqual({
      training_classes: 2,
      training_person_times: 600,
    });
  });
});

describe('extractReport: offsets into the original text', () => {
  it('points into traditional text', () => {
    const original = '南嶺省氣象局黨組2021年度黨建工作總結\n舉辦讀書班3期，培訓處級以上幹部326人次。';
    const result = extractReport(original);
    expect(result).toMatchObject({ period: '2021', level: 'province', unitName: '南岭省气象局' });
    const fact = result.facts.find((f) => f.indicator === 'training_person_times')!;
    expect(fact.value).toBe(326);
    expect(original.slice(fact.start, fact.end)).toBe('舉辦讀書班3期，培訓處級以上幹部326人次。');
    expect(fact.text).toBe(original.slice(fact.start, fact.end));
  });

  it('points into text with pinyin after each character', () => {
    const original =
      '麗(lì)水縣(xiàn)氣(qì)象(xiàng)局(jú)2022年上半年總結\n召(zhào)開(kāi)黨(dǎng)員(yuán)大(dà)會(huì)3次(cì)。';
    const result = extractReport(original);
    expect(result).toMatchObject({ period: '2022H1', level: 'county', unitName: '丽水县气象局' });
    const [fact] = result.facts;
    expect(fact).toMatchObject({ indicator: 'members_congress', value: 3 });
    expect(original.slice(fact!.start, fact!.end)).toBe('召(zhào)開(kāi)黨(dǎng)員(yuán)大(dà)會(huì)3次(cì)。');
  });
});
