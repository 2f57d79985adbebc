import { onBeforeUnmount, onMounted, type Ref } from 'vue';

const ITEMS = '.el-menu-item, .el-sub-menu__title';

/**
 * Element Plus gives a vertical menu's items tabindex -1, so Tab jumps over the whole sidebar.
 * This puts every item and sub-menu title in the Tab order (also those a sub-menu shows later) and
 * lets Enter or Space open them, as a click does.
 */
export function useTabbableMenu(root: Ref<HTMLElement | null>): void {
  let observer: MutationObserver | null = null;
  const mark = () =>
    root.value?.querySelectorAll<HTMLElement>(ITEMS).forEach((item) => {
      if (item.getAttribute('tabindex') !== '0') item.setAttribute('tabindex', '0');
    });
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const item = (e.target as HTMLElement | null)?.closest<HTMLElement>(ITEMS);
    if (!item || item !== e.target) return;
    e.preventDefault();
    item.click();
  };
  onMounted(() => {
    const el = root.value;
    if (!el) return;
    mark();
    el.addEventListener('keydown', onKey);
    observer = new MutationObserver(mark);
    observer.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ['tabindex'] });
  });
  onBeforeUnmount(() => {
    observer?.disconnect();
    root.value?.removeEventListener('keydown', onKey);
  });
}
