import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components are imported where they are used instead of the whole library;
    // the stylesheet stays global (main.ts), so every page looks the same whichever chunk loads first
    AutoImport({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false }),
    Components({ resolvers: [ElementPlusResolver({ importStyle: false })], dts: false }),
  ],
  server: {
    proxy: Object.fromEntries(['/trpc', '/auth', '/api', '/export', '/healthz', '/upload'].map((p) => [p, api])),
  },
  // the manifest lets bench/dashboard add up what the first page loads
  build: { chunkSizeWarningLimit: 1500, manifest: true },
});
