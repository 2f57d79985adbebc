import { errorText } from '../i18n/index.ts';
import { ElMessage } from 'element-plus';
import { ref } from 'vue';

/**
 * A button's call to the server: `busy` while it runs (the button's loading state), a refusal
 * shown as a message and answered with null, so the caller goes on only with a result.
 */
export function useAction() {
  const busy = ref(false);
  async function run<T>(call: () => Promise<T>): Promise<T | null> {
    busy.value = true;
    try {
      return await call();
    } catch (e) {
      ElMessage.error(errorText(e));
      return null;
    } finally {
      busy.value = false;
    }
  }
  return { busy, run };
}
