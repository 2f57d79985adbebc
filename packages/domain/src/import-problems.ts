/**
 * What each import problem code (packages/import problems.ts; contracts.md `import` JSON) is
 * called where a person reads it: the web preview and the CLI's human output say 不是数字, never
 * `not_a_number`. The JSON keeps the codes for scripts.
 */
export const IMPORT_PROBLEM_LABELS = {
  not_a_spreadsheet: { zh: '不是表格文件', en: 'Not a spreadsheet' },
  legacy_xls: { zh: '旧版 .xls 格式', en: 'Old .xls format' },
  file_too_large: { zh: '文件过大', en: 'File too large' },
  zip_bomb: { zh: '解压后过大', en: 'Expands too large' },
  too_many_rows: { zh: '行数过多', en: 'Too many rows' },
  too_many_cells: { zh: '单元格过多', en: 'Too many cells' },
  empty_file: { zh: '空文件', en: 'Empty file' },
  unknown_layout: { zh: '无法识别的表格格式', en: 'Unrecognised layout' },
  missing_column: { zh: '缺少列', en: 'Missing column' },
  unknown_column: { zh: '无法识别的列', en: 'Unknown column' },
  duplicate_column: { zh: '列名重复', en: 'Duplicate column' },
  derived_indicator: { zh: '计算得出的指标', en: 'Derived indicator' },
  cell_too_long: { zh: '单元格内容过长', en: 'Cell too long' },
  formula: { zh: '含公式', en: 'Formula' },
  merged_cells: { zh: '合并单元格', en: 'Merged cells' },
  unknown_unit: { zh: '单位不存在', en: 'Unknown unit' },
  out_of_scope: { zh: '无权填报该单位', en: 'Unit outside your scope' },
  unknown_indicator: { zh: '指标不存在', en: 'Unknown indicator' },
  bad_period: { zh: '报告期有误', en: 'Invalid period' },
  future_period: { zh: '报告期尚未开始', en: 'Period not begun' },
  not_a_number: { zh: '不是数字', en: 'Not a number' },
  negative: { zh: '负数', en: 'Negative' },
  too_large: { zh: '数值过大', en: 'Too large' },
  implausible: { zh: '超出合理范围', en: 'Implausible' },
  inactive_unit: { zh: '单位当期未启用', en: 'Unit not active then' },
  duplicate_row: { zh: '重复行', en: 'Duplicate row' },
} as const satisfies Record<string, { zh: string; en: string }>;

/** The words for a problem code; an unknown code (a newer server) is shown as it is. */
export function importProblemLabel(code: string, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const label = (IMPORT_PROBLEM_LABELS as Record<string, { zh: string; en: string }>)[code];
  return label ? label[locale === 'en' ? 'en' : 'zh'] : code;
}
