/**
 * What a command line's options offer, without loading the renderers (ECharts, resvg, pptxgenjs,
 * docx, exceljs): `bixue rollup` should not pay seconds for the exporters it never calls.
 */
export { CHART_KINDS, DEFAULT_SIZE, EXPORT_FORMATS, LANGS, SLIDE_SIZES } from './request.ts';
export { BRIEF_FORMATS, parseChartSpecs } from './brief/spec.ts';
