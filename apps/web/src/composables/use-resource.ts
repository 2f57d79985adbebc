import { errorText } from '../i18n/index.ts';
import { type Ref, ref, shallowRef, watch } from 'vue';

export interface Resource<T> {
  data: Ref<T | null>;
  loading: Ref<boolean>;
  error: Ref<string>;
  /** asks again with the same input (the 大屏's auto-refresh) */
  reload(): void;
}

/**
 * A query that re-runs when its input changes. Every resource of a view watches the same URL
 * state, so after a change they all fire in the same tick, in parallel (analytics queries are one
 * request each, see trpc.ts). Answers to an older input are dropped. A null input means "nothing to ask".
 */
export function useResource<I, T>(input: () => I | null, fetch: (input: I) => Promise<T>): Resource<T> {
  const data = shallowRef<T | null>(null);
  const loading = ref(true);
  const error = ref('');
  const version = ref(0);
  let seq = 0;
  watch(
    () => [JSON.stringify(input()), version.value],
    async () => {
      const args = input();
      const mine = ++seq;
      if (args === null) {
        data.value = null;
        loading.value = false;
        return;
      }
      loading.value = true;
      error.value = '';
      try {
        const result = await fetch(args);
        if (mine === seq) data.value = result;
      } catch (e) {
        if (mine === seq) {
          data.value = null;
          error.value = errorText(e);
        }
      } finally {
        if (mine === seq) loading.value = false;
      }
    },
    { immediate: true },
  );
  return { data, loading, error, reload: () => version.value++ };
}
