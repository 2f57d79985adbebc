import type { unitsAdminZh } from './units-zh.ts';

/** Admin → Units strings, English. */
export const unitsAdminEn: typeof unitsAdminZh = {
  title: 'Units',
  tree: 'Current units',
  import: 'Import units from CSV',
  importHint:
    'Columns: code,name,level,parent_code (UTF-8, header row); level is province / city / county; a parent may be in the same file.',
  chooseFile: 'Choose a CSV file',
  downloadTemplate: 'Download template',
  preview: 'Preview: {n} rows',
  insert: '{n} new',
  update: '{n} updated',
  problems: '{n} problems',
  commit: 'Import',
  imported: 'Units imported: {inserted} new, {updated} updated',
  action: 'Action',
  actions: { insert: 'New', update: 'Update' },
  parent: 'Parent unit',
  add: 'Add a unit',
  code: 'Unit code',
  name: 'Unit name',
  level: 'Level',
  codeHint: '6 digits, e.g. 990109',
  save: 'Save',
  added: '{name} added',
  provinceHint:
    'A new province (with its default targets and settings) is created by the system operator on the command line: pnpm -s bixue units import file.csv',
  problem: {
    not_csv: 'Not a valid CSV',
    missing_column: 'Missing column',
    bad_code: 'Code is not 6 digits',
    bad_name: 'Name empty or too long',
    bad_level: 'Invalid level',
    duplicate_code: 'Duplicate code',
    unknown_parent: 'Parent unit not found',
    out_of_scope: 'Outside your scope',
    province_by_operator: 'New province: operator only',
    bad_tree: 'Wrong level in the tree',
  },
};
