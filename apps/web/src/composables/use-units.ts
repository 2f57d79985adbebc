import type { Level } from '@bixue/domain';
import { onMounted, ref } from 'vue';
import { api } from '../trpc.ts';
import { serverToday } from '../session.ts';

type Tree = Awaited<ReturnType<typeof api.units.tree.query>>;

export interface UnitOption {
  code: string;
  name: string;
  nameEn: string;
  level: Level;
  depth: number;
}

/** A unit tree as a flat list in tree order, with depth for indenting. */
export function flattenTree(tree: Tree): UnitOption[] {
  const out: UnitOption[] = [];
  const walk = (nodes: Tree, depth: number) =>
    nodes.forEach((n) => {
      out.push({ code: n.code, name: n.name, nameEn: n.nameEn, level: n.level, depth });
      walk(n.children, depth + 1);
    });
  walk(tree, 0);
  return out;
}

/** The caller's units as a flat list for selects. */
export function useUnits() {
  const units = ref<UnitOption[]>([]);
  onMounted(async () => {
    units.value = flattenTree(await api.units.tree.query());
  });
  return units;
}

/** The last quarter that has ended: what people usually report. */
export function lastQuarter(today = serverToday()): string {
  const q = Math.floor(today.getUTCMonth() / 3);
  return q === 0 ? `${today.getUTCFullYear() - 1}Q4` : `${today.getUTCFullYear()}Q${q}`;
}

export function downloadBase64(fileName: string, base64: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
