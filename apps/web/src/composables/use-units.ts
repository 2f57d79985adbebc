import { onMounted, ref } from 'vue';
import { api } from '../trpc.ts';
import { serverToday } from '../session.ts';

export interface UnitOption {
  code: string;
  name: string;
  depth: number;
}

/** The caller's units as a flat list (tree order, with depth for indenting) for selects. */
export function useUnits() {
  const units = ref<UnitOption[]>([]);
  onMounted(async () => {
    const tree = await api.units.tree.query();
    const out: UnitOption[] = [];
    const walk = (nodes: typeof tree, depth: number) =>
      nodes.forEach((n) => {
        out.push({ code: n.code, name: n.name, depth });
        walk(n.children, depth + 1);
      });
    walk(tree, 0);
    units.value = out;
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
