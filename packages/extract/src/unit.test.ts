import { describe, expect, it } from 'vitest';
import { detectUnit } from './unit.ts';

describe('detectUnit', () => {
  it('takes the bureau that writes, not the parent it thanks', () => {
    expect(detectUnit('2022年上半年,在*气象局党组的大力支持下，*县气象局党支部坚决贯彻。')).toEqual({
      level: 'county',
      unitName: null,
    });
    expect(detectUnit('在湖州市气象局党组的领导下，德清县气象局党支部认真落实。')).toEqual({
      level: 'county',
      unitName: '德清县气象局',
    });
  });

  it('reads the level from the title', () => {
    expect(detectUnit('市局党组关于2020年上半年党建工作总结的报告\n上半年，市X局党组认真贯彻。')).toEqual({
      level: 'city',
      unitName: null,
    });
    expect(detectUnit('XX区气象局关于主题教育开展情况的汇报\n主题教育开展以来。')).toEqual({
      level: 'county',
      unitName: null,
    });
    expect(detectUnit('湖北省气象局党组:着力“四个聚焦”\n湖北省气象局党组深入贯彻。')).toEqual({
      level: 'province',
      unitName: '湖北省气象局',
    });
    expect(detectUnit('内蒙古自治区气象局党组2023年党建工作总结\n一年来。')).toEqual({
      level: 'province',
      unitName: '内蒙古自治区气象局',
    });
    expect(detectUnit('中共安吉县气象局支部委员会2023年工作总结\n一年来。')).toEqual({
      level: 'county',
      unitName: '安吉县气象局',
    });
  });

  it('reads the level of any kind of organisation', () => {
    const level = (text: string) => detectUnit(text).level;
    expect(level('区委理论学习中心组2023年学习情况报告\n一年来。')).toBe('county');
    expect(level('县法院党组2024年上半年党建工作总结\n今年以来。')).toBe('county');
    expect(level('市政协党组2023年第一季度履行主体责任情况报告\n一季度。')).toBe('city');
    expect(level('省退役军人事务厅机关党委2022年工作总结\n一年来。')).toBe('province');
    expect(level('区卫生健康委员会2022年卫生健康工作总结\n2022年，我委坚持学习。')).toBe('county');
    expect(level('7月20日，区卫生计生委机关党支部开展主题党日活动。')).toBe('county');
    // A province named before a city's committee does not make the city's body a province's.
    expect(level('近日，江北省临川市委宣传部表彰先进单位，市检察院获此称号。')).toBe('city');
    expect(level('2023年工作总结\n一年来，市中级人民法院党组坚持学习。')).toBe('city');
    expect(level('2023年工作总结\n一年来，区市场监管局党组坚持学习。')).toBe('county');
    // The parent thanked in the opening, and the whole area's system, are not the author.
    expect(level('在市委、市政府的坚强领导下，县教育局党组认真落实。')).toBe('county');
    expect(level('全市法院系统开展学习46场次，县人民法院党组认真落实。')).toBe('county');
  });

  it('names no organisation from words of the sentence around it', () => {
    expect(detectUnit('法院党组2025年工作总结\n一是落实责任。制定县人民法院领导班子分工意见。')).toEqual({
      level: 'county',
      unitName: null,
    });
    expect(detectUnit('选派2名科级干部到省委党校学习。')).toEqual({ level: 'province', unitName: null });
  });

  it('does not take a department of another body for the author', () => {
    expect(detectUnit('近日，江北省临川市委宣传部表彰先进单位，临川市人民检察院获此称号。')).toEqual({
      level: 'city',
      unitName: '临川市人民检察院',
    });
  });

  it('names the organisation when the text names it', () => {
    expect(detectUnit('东坪区人民医院党委2024年工作总结\n一年来。')).toEqual({
      level: 'county',
      unitName: '东坪区人民医院',
    });
    expect(detectUnit('市政协机关党总支2022年工作总结\n一年来。')).toEqual({ level: 'city', unitName: null });
  });

  it('is null where no bureau is named', () => {
    expect(detectUnit('今年以来，我们坚持学习。')).toEqual({ level: null, unitName: null });
  });
});
