// the module alone, not the package: the entry loads the strings before main.ts turns zod's
// `new Function` probe off, and the package's schemas would run the probe (a CSP violation)
import { unitProblemLabels } from '@bixue/domain/unit-problems';
import type { unitsAdminZh } from './units-zh.ts';

/** Admin → Units strings, English. */
export const unitsAdminEn: typeof unitsAdminZh = {
  title: 'Units',
  tree: 'Current units',
  import: 'Import units from CSV',
  importHint:
    'Columns: code,name,level,parent_code and optionally name_en (the English name; blank keeps the stored one) (UTF-8, header row); level is province / city / county; a parent may be in the same file.',
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
  english: 'English names',
  englishHint:
    'The unit’s name on English pages, charts and exports. Left blank, a name romanised from the Chinese is shown (e.g. Nanping City Bureau).',
  unit: 'Unit',
  nameEn: 'English name',
  shortNameEn: 'English short name',
  shortNameEnHint: 'Used on chart axes, e.g. Nanping',
  englishSaved: 'English names of {name} saved',
  provinceHint:
    'A new province (with its default targets and settings) is created by the system operator on the command line: pnpm -s bixue units import file.csv',
  problem: unitProblemLabels('en'),
};
