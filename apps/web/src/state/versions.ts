import type { VersionsList } from '@bixue/api';
import { beijingTime, chartLabels } from '@bixue/charts';
import { shallowRef } from 'vue';
import { api } from '../trpc.ts';

export type VersionEntry = VersionsList['versions'][number];

/**
 * The recent data versions of the unit the dashboard shows, as the API lists them: the toolbar's
 * picker and the banner read the same list (one request, not one each).
 */
export const versionList = shallowRef<VersionsList | null>(null);
let asked = '';

/** Asks again (the picker opening: versions made since are listed); `include` the version the view is drawn as of. */
export async function loadVersions(unit: string, include: number | null): Promise<void> {
  const key = `${unit}|${include ?? ''}|${Date.now()}`;
  asked = key;
  const list = await api.versions.list.query({ unit, ...(include === null ? {} : { include }) });
  // an older answer arriving after a newer question is dropped
  if (asked === key) versionList.value = list;
}

/** 2026/11/30 09:30 in Beijing time, as the files' source lines write times. */
export function versionTime(iso: string): string {
  return beijingTime(new Date(iso));
}

/** Who made a version: the usernames, or the system's word when a load wrote it without a user. */
export function versionWho(v: Pick<VersionEntry, 'by'>, system: string): string {
  return v.by.length ? v.by.join('、') : system;
}

/** What a version wrote, in words: 手工填报、表格导入 (the chart modules' source names). */
export function versionSources(v: Pick<VersionEntry, 'sources'>, locale: 'zh-CN' | 'en'): string {
  const names = chartLabels(locale).source;
  return v.sources.map((s) => names[s] ?? s).join(locale === 'en' ? ', ' : '、');
}
