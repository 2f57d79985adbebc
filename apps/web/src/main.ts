import './zod-config.ts';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import { createApp } from 'vue';
import App from './App.vue';
import { i18n } from './i18n/index.ts';
import { router } from './router.ts';
import './styles.css';

createApp(App).use(ElementPlus, { locale: zhCn }).use(i18n).use(router).mount('#app');
