import { createRouter, createWebHistory } from 'vue-router';
import { me, refreshSession } from './session.ts';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./views/login/index.vue'), meta: { public: true } },
    {
      path: '/',
      component: () => import('./layouts/AppLayout.vue'),
      children: [
        { path: '', redirect: { name: 'catalog' } },
        { path: 'catalog', name: 'catalog', component: () => import('./views/catalog/index.vue') },
        { path: 'extract', name: 'extract', component: () => import('./views/extract/index.vue') },
      ],
    },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!me.value) await refreshSession().catch(() => null);
  return me.value ? true : { name: 'login', query: { next: to.fullPath } };
});
