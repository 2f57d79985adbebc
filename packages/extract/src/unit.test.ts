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

  it('is null where no bureau is named', () => {
    expect(detectUnit('今年以来，我们坚持学习。')).toEqual({ level: null, unitName: null });
  });
});
