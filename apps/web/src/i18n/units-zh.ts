// the module alone, not the package: the entry loads the strings before main.ts turns zod's
// `new Function` probe off, and the package's schemas would run the probe (a CSP violation)
import { unitProblemLabels } from '@bixue/domain/unit-problems';

/** 管理 → 单位 strings, Chinese. */
export const unitsAdminZh = {
  title: '单位管理',
  tree: '现有单位',
  import: '从 CSV 导入单位',
  importHint:
    '列：code,name,level,parent_code，可选 name_en（英文名称，留空则保留原值）（UTF-8，首行为表头）；level 为 province / city / county；上级单位可在同一文件中。',
  chooseFile: '选择 CSV 文件',
  downloadTemplate: '下载模板',
  preview: '预览：{n} 行',
  insert: '新增 {n}',
  update: '更新 {n}',
  problems: '问题 {n}',
  commit: '确认导入',
  imported: '已导入单位：新增 {inserted}，更新 {updated}',
  action: '操作',
  actions: { insert: '新增', update: '更新' },
  parent: '上级单位',
  add: '新增单位',
  code: '单位代码',
  name: '单位名称',
  level: '级别',
  codeHint: '6位数字，如 990109',
  save: '保存',
  added: '已新增 {name}',
  english: '英文名称',
  englishHint: '英文界面、图表与导出使用的单位名称。留空则使用按拼音生成的名称（如 Nanping City Bureau）。',
  unit: '单位',
  nameEn: '英文全称',
  shortNameEn: '英文简称',
  shortNameEnHint: '图表坐标轴上使用，如 Nanping',
  englishSaved: '已保存 {name} 的英文名称',
  provinceHint: '新建省级单位（连同其默认目标与设置）需由系统管理员在命令行完成：pnpm -s bixue units import 文件.csv',
  problem: unitProblemLabels('zh'),
};
