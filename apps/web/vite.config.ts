import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: Object.fromEntries(['/trpc', '/auth', '/api', '/export', '/healthz', '/upload'].map((p) => [p, api])),
  },
  build: { chunkSizeWarningLimit: 1500 },
});
