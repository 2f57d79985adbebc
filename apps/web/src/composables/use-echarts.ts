import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, type EChartsCoreOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { SVGRenderer as SVGRendererType } from 'echarts/renderers';
import { onBeforeUnmount, type Ref, shallowRef, watch } from 'vue';

// only what the builders of @bixue/charts draw with
use([BarChart, LineChart, ScatterChart, CustomChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface EchartsOptions {
  dark?: boolean;
  /**
   * 大屏: draw as on a 1440-wide screen and scale the picture up to the wall, so labels grow with
   * it (on a 4K wall ECharts' 12px labels would be specks). Walls are looked at, not clicked.
   */
  wall?: boolean;
  onClick?: (params: { dataIndex: number; seriesIndex: number; data: unknown; name: string }) => void;
}

const WALL_DESIGN_WIDTH = 1440;

/** An inner box of the wall's size ÷ scale, scaled back up by CSS, which ECharts draws into. */
function wallCanvas(node: HTMLElement) {
  const inner = document.createElement('div');
  inner.style.transformOrigin = '0 0';
  node.appendChild(inner);
  const scale = () => Math.max(1, node.clientWidth / WALL_DESIGN_WIDTH);
  const fit = () => {
    const s = scale();
    inner.style.width = `${node.clientWidth / s}px`;
    inner.style.height = `${node.clientHeight / s}px`;
    inner.style.transform = `scale(${s})`;
  };
  fit();
  return { inner, scale, fit };
}

/**
 * Owns one chart's life: init on mount, setOption on change, resize with its box, dispose on
 * unmount. The element gets data-drawn="1" once ECharts has finished drawing (tests and bench wait on it).
 */
export function useEcharts(
  el: Ref<HTMLElement | null>,
  option: Ref<EChartsCoreOption | null>,
  opts: EchartsOptions = {},
) {
  const chart = shallowRef<ECharts | null>(null);
  let observer: ResizeObserver | null = null;

  let drawnBefore = false;
  const draw = (o: EChartsCoreOption | null) => {
    if (!chart.value || !o || !el.value) return;
    el.value.dataset.drawn = '0';
    // a page opens with its charts as they are, not growing into place for 300 ms after the data
    // came; what changes later (another indicator, page, language) still moves, so the eye can follow
    chart.value.setOption(drawnBefore ? o : { ...o, animation: false }, { notMerge: true });
    drawnBefore = true;
  };

  // the element may appear after mount (a card shows its chart once data is there)
  watch(
    [el, option],
    ([node, o]) => {
      if (node && !chart.value) {
        const target = opts.wall ? wallCanvas(node) : null;
        const c = init(target?.inner ?? node, opts.dark ? 'dark' : undefined, {
          renderer: 'canvas',
          devicePixelRatio: (target?.scale() ?? 1) * window.devicePixelRatio,
        });
        c.on('finished', () => {
          node.dataset.drawn = '1';
        });
        if (opts.onClick) c.on('click', (p) => opts.onClick!(p as never));
        chart.value = c;
        // an observer reports the size it starts with: drawing again for that would redraw every
        // chart once more on load
        let size = `${node.clientWidth}x${node.clientHeight}`;
        observer = new ResizeObserver(() => {
          const now = `${node.clientWidth}x${node.clientHeight}`;
          if (now === size) return;
          size = now;
          target?.fit();
          c.resize();
        });
        observer.observe(node);
      }
      draw(o);
    },
    { flush: 'post' },
  );
  onBeforeUnmount(() => {
    observer?.disconnect();
    chart.value?.dispose();
    chart.value = null;
  });

  /** PNG at twice the pixels on white, for slides. */
  function pngDataUrl(): string | null {
    return (
      chart.value?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: opts.dark ? '#0f1722' : '#ffffff' }) ??
      null
    );
  }

  /** The same option drawn once more by the SVG renderer, loaded only when someone asks for SVG. */
  async function svgString(): Promise<string | null> {
    if (!chart.value || !option.value || !el.value) return null;
    // the installer module itself, so the SVG renderer lands in its own lazy chunk
    // @ts-expect-error echarts ships no declarations for its lib/ files
    const { install } = (await import('echarts/lib/renderer/installSVGRenderer.js')) as {
      install: typeof SVGRendererType;
    };
    use([install]);
    const off = init(null, opts.dark ? 'dark' : undefined, {
      renderer: 'svg',
      ssr: true,
      width: el.value.clientWidth,
      height: el.value.clientHeight,
    });
    off.setOption({ ...option.value, animation: false, backgroundColor: '#ffffff' });
    const svg = off.renderToSVGString();
    off.dispose();
    return svg;
  }

  return { chart, pngDataUrl, svgString };
}
