import { createRouter, createWebHistory } from 'vue-router';
import { me, refreshSession } from './session.ts';
import { loadReference } from './state/reference.ts';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/screen', name: 'screen', component: () => import('./views/screen/index.vue') },
    { path: '/login', name: 'login', component: () => import('./views/login/index.vue'), meta: { public: true } },
    {
      path: '/',
      component: () => import('./layouts/AppLayout.vue'),
      children: [
        { path: '', redirect: { name: 'catalog' } },
        { path: 'overview', name: 'overview', component: () => import('./views/overview/index.vue') },
        { path: 'unit', name: 'unit', component: () => import('./views/unit/index.vue') },
        { path: 'gaps', name: 'gaps', component: () => import('./views/gaps/index.vue') },
        { path: 'catalog', name: 'catalog', component: () => import('./views/catalog/index.vue') },
      ],
    },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  // units and catalogue go in the same batch as the session: views then fire their own queries at once
  if (!me.value) await Promise.all([refreshSession().catch(() => null), loadReference().catch(() => null)]);
  if (!me.value) return { name: 'login', query: { next: to.fullPath } };
  await loadReference();
  return true;
});
