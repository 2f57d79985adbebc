import { describe, expect, it } from 'vitest';
import { detectPeriod } from './period.ts';

describe('detectPeriod', () => {
  it.each([
    ['2022年上半年,在县委的正确领导下，我局党支部坚持学习。', '2022H1'],
    ['市局党组关于2020年上半年党建工作总结的报告\n上半年，市局党组认真贯彻。', '2020H1'],
    [' 2022年，**县**局党支部坚持以习近平新时代中国特色社会主义思想为指导。', '2022'],
    ['某县气象局2023年度党建工作总结\n今年以来，我局认真落实。', '2023'],
    ['2021年第三季度党建工作情况\n本季度我局召开党员大会1次。', '2021Q3'],
    ['二〇二一年下半年党建工作总结\n下半年我局坚持学习。', '2021H2'],
    ['2024年1-6月党建工作总结\n我局坚持学习。', '2024H1'],
    ['2024年7月份主题党日活动情况\n本月我局开展主题党日活动1次。', '2024-07'],
    ['7月20日，区交通局机关党支部开展了2023年7月“我的主题党日”活动。', '2023-07'],
    ['2023年党建工作总结\n一年来，我局坚持学习。', '2023'],
    ['党建工作总结（2023年）\n一年来，我局坚持学习。', '2023'],
    ['2023年1月至6月党建工作情况\n我局坚持学习。', '2023H1'],
    ['某县气象局上半年党建工作总结\n2023年以来，我局坚持学习。', '2023H1'],
    // The year followed by other words in a title, or first in a later sentence of the opening.
    ['2024年党组理论学习中心组学习情况汇报\n一年来，党组坚持学习。', '2024'],
    ['2021年乡镇党委党建工作汇报\n今年以来，乡党委狠抓落实。', '2021'],
    ['现将2024年开展党建工作的情况报告如下。支部坚持学习。', '2024'],
    ['二〇二一年机关党建工作总结\n一年来，机关党委坚持学习。', '2021'],
    ['党建工作\n【理论学习】 坚持集体学习与个人自学相结合。2019年，共开展集中学习20次。', '2019'],
    ['1月8日，公司党委召开会议，对2020年的党建工作提出了要求。会议回顾了2019年党务工作。', '2019'],
    ['2024年1至3月党建工作情况\n一季度支部召开支委会3次。', '2024Q1'],
    ['11月20日，学院召开2023年发展学生党员工作研判会。会议听取了汇报。', '2023'],
  ])('%s → %s', (text, period) => {
    expect(detectPeriod(text)).toBe(period);
  });

  it('is null where the text does not fix a period', () => {
    // A publication date is not the period covered.
    expect(
      detectPeriod(
        '湖北省气象局党组加强党的建设\n发布时间:2024年09月02日 来源:中国气象报社\n湖北省气象局党组深入贯彻。',
      ),
    ).toBeNull();
    expect(
      detectPeriod(
        'XX区气象局关于主题教育开展情况的汇报\n主题教育开展以来，XX区气象局党组坚持学习。2022年名列全省前十。',
      ),
    ).toBeNull();
    expect(detectPeriod('今年上半年，我局党支部坚持学习。')).toBeNull();
    // A date in the first sentence is an event, not the reporting period.
    expect(detectPeriod('2022年2月10日，我局召开会议安排部署党建工作。')).toBeNull();
    // A book edition year is not a period either.
    expect(detectPeriod('学习《学习纲要（2023年版）》等书目。')).toBeNull();
    // Nor does a document named in the text; nor a span no standard period covers.
    expect(detectPeriod('学校党委下发了《关于召开2023年度组织生活会的通知》，各支部认真落实。')).toBeNull();
    expect(detectPeriod('2024年1—10月党建工作情况\n2024年以来，支部坚持学习。')).toBeNull();
    // The twelfth meeting of a year is an event of that year, not a review of it.
    expect(detectPeriod('12月28日，机关党支部召开2023年第12次支委会。会议由书记主持。')).toBeNull();
    expect(detectPeriod('公司党委组织部下发通知。2月16日，公司党委召开了2023年度党支部书记第1次工作例会。')).toBeNull();
    // The year of an honour, or the start of something, is not the period reported on.
    expect(detectPeriod('近日，市委表彰了2021年度全市先进基层党组织，区税务局党委获此称号。')).toBeNull();
    expect(
      detectPeriod(
        '社区党委工作总结\n一、基本情况\n社区现有党员60名。社区坚持学习。从2022年5月份开始，社区推行网格化管理。',
      ),
    ).toBeNull();
  });
});
