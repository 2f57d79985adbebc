export * from './request.ts';
export * from './doc.ts';
export * from './table.ts';
export * from './xlsx.ts';
export * from './svg.ts';
export * from './png.ts';
export * from './pptx.ts';
export * from './export.ts';
export { cjkFontFiles } from './fonts.ts';
