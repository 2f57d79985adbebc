import { fileURLToPath } from 'node:url';

/**
 * Noto Sans SC (OFL-1.1) from npm (@embedpdf/fonts-sc: the GB2312 subset, ~8 MB a weight), so a
 * server without CJK system fonts still draws Chinese instead of empty boxes.
 */
export const CJK_FAMILY = 'Noto Sans S Chinese';

export function cjkFontFiles(): string[] {
  const dir = new URL('../fonts/', import.meta.resolve('@embedpdf/fonts-sc'));
  return ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'].map((f) => fileURLToPath(new URL(f, dir)));
}
