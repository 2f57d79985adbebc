import type { Heatmap, HeatmapCell } from './heatmap.ts';

/**
 * A heatmap's cells as columns, for the browser: 2,500 counties × 30 indicators are 75,000 cells,
 * ≈ 16 MB of JSON as objects (each repeating eleven key names) that the page spends longer parsing
 * than drawing. As columns of numbers and small codes the same cells are a fraction of that.
 * Only types are imported here, so the web app bundles this file without the server.
 */
export interface PackedHeatmap extends Omit<Heatmap, 'cells'> {
  cells: {
    /** index into `units` */
    unit: number[];
    /** index into `indicators` */
    indicator: number[];
    value: (number | null)[];
    /** index into `codes.status` */
    status: number[];
    months: number[];
    of: number[];
    judgedOnCovered: (0 | 1)[];
    attainment: (number | null)[];
    /** index into `codes.colour` */
    colour: number[];
    dueMonth: (number | null)[];
    /** index into `codes.source` */
    source: number[];
    sourceText: (string | null)[];
    documentId: (number | null)[];
  };
  /** the few distinct strings of the coded columns */
  codes: {
    status: HeatmapCell['status'][];
    colour: HeatmapCell['colour'][];
    source: HeatmapCell['source'][];
  };
}

function coder<T>(): { codes: T[]; code(v: T): number } {
  const codes: T[] = [];
  const index = new Map<T, number>();
  return {
    codes,
    code(v) {
      let i = index.get(v);
      if (i === undefined) {
        i = codes.length;
        index.set(v, i);
        codes.push(v);
      }
      return i;
    },
  };
}

export function packHeatmap(h: Heatmap): PackedHeatmap {
  const unitIndex = new Map(h.units.map((u, i) => [u.code, i]));
  const indicatorIndex = new Map(h.indicators.map((c, i) => [c, i]));
  const status = coder<HeatmapCell['status']>();
  const colour = coder<HeatmapCell['colour']>();
  const source = coder<HeatmapCell['source']>();
  const { cells, ...rest } = h;
  return {
    ...rest,
    cells: {
      unit: cells.map((c) => unitIndex.get(c.unit)!),
      indicator: cells.map((c) => indicatorIndex.get(c.indicator)!),
      value: cells.map((c) => c.value),
      status: cells.map((c) => status.code(c.status)),
      months: cells.map((c) => c.coverage.months),
      of: cells.map((c) => c.coverage.of),
      judgedOnCovered: cells.map((c) => (c.judgedOnCovered ? 1 : 0)),
      attainment: cells.map((c) => c.attainment),
      colour: cells.map((c) => colour.code(c.colour)),
      dueMonth: cells.map((c) => c.dueMonth),
      source: cells.map((c) => source.code(c.source)),
      sourceText: cells.map((c) => c.sourceText),
      documentId: cells.map((c) => c.documentId),
    },
    codes: { status: status.codes, colour: colour.codes, source: source.codes },
  };
}

export function unpackHeatmap(p: PackedHeatmap): Heatmap {
  const { cells: k, codes, ...rest } = p;
  const cells = k.unit.map((u, i): HeatmapCell => ({
    source: codes.source[k.source[i]!] ?? null,
    sourceText: k.sourceText[i] ?? null,
    documentId: k.documentId[i] ?? null,
    unit: p.units[u]!.code,
    indicator: p.indicators[k.indicator[i]!]!,
    value: k.value[i] ?? null,
    status: codes.status[k.status[i]!]!,
    coverage: { months: k.months[i]!, of: k.of[i]! },
    judgedOnCovered: k.judgedOnCovered[i] === 1,
    attainment: k.attainment[i] ?? null,
    colour: codes.colour[k.colour[i]!]!,
    dueMonth: k.dueMonth[i] ?? null,
  }));
  return { ...rest, cells };
}
