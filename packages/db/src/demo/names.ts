/** Fictional place names for the demo province 测试省; any likeness to a real county is chance. */
export const DEMO_PROVINCE = { code: '990000', name: '测试省气象局', shortName: '测试省' };

export const DEMO_CITIES = [
  '云川', '青岚', '临澜', '石屏', '秋浦', '白水', '长汀', '玉溪岭', '松阳', '河阳', '东陵', '西岑', '南屿', '北塬',
];

const COUNTY_STEMS = [
  '安平', '宁远', '崇山', '凤鸣', '桐柏', '清河', '柳溪', '梅岭', '望江', '金沙', '丰乐', '永和', '德兴', '兴隆',
  '广福', '太和', '瑞安', '平湖', '龙泉', '鹤峰', '灵台', '仙居', '嘉禾', '新田', '汇川', '古城', '双桥', '白鹭',
  '青石', '黄塘', '红叶', '紫阳', '碧水', '银坪', '铁岭', '铜溪', '锦屏', '绣江', '文峰', '武陵', '泰宁', '康乐',
  '寿昌', '福源', '禄丰', '吉水', '祥云', '和顺', '乐业', '安澜', '通川', '达濠', '开阳', '启明', '朝阳', '夕岭',
  '月湖', '星沙', '雷山', '雨城', '雪峰', '霞浦', '虹桥', '松溪', '竹山', '兰坪', '菊潭', '荷塘', '芦溪', '苇河',
  '枫林', '杉湖', '柏坡', '榆林', '槐荫', '桃源', '李渡', '杏坛', '梨园', '橘洲', '茶陵', '稻香', '麦田', '豆乡',
  '粟城', '棉湖', '麻阳', '桑植', '蚕丛', '渔洋', '牧原', '樵岭', '耕田', '读书', '砚山', '墨池', '笔架', '纸坊',
  '琴台', '棋盘', '书院', '画溪', '诗乡', '酒泉湾', '醉山', '歌乐', '舞阳', '笛岭', '箫溪', '鼓楼', '钟山', '磬石',
];

const SUFFIXES = ['县', '县', '区', '县', '市', '县'];

export interface DemoUnitName {
  name: string;
  shortName: string;
}

export function countyName(index: number): DemoUnitName {
  const stem = COUNTY_STEMS[index % COUNTY_STEMS.length]!;
  const short = `${stem}${SUFFIXES[index % SUFFIXES.length]}`;
  return { name: `${short}气象局`, shortName: short };
}
