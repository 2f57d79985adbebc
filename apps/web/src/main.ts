import './zod-config.ts';
import 'element-plus/dist/index.css';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { router } from './router.ts';
import './styles.css';

// Element Plus is not installed globally: unplugin-vue-components imports each component where a template uses it
createApp(App).use(i18n).use(router).mount('#app');
