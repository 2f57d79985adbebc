import { useCardPage } from '../../composables/use-card-page.ts';
import { units } from '../../state/reference.ts';

/** Province → city → county: a unit with units under it opens its own overview, a county its profile. */
export function useDrill(): (code: string) => void {
  const { state } = useCardPage();
  return (code) => {
    const u = units.value.get(code);
    if (!u) return;
    if (u.children.length) void state.set({ unit: code, group: null });
    else void state.set({ unit: code, group: null }, { name: 'unit' });
  };
}
