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
        { path: 'units/:code', name: 'unit-info', component: () => import('./views/units/index.vue') },
        { path: 'admin/users', name: 'admin-users', component: () => import('./views/admin/users.vue'), meta: { role: 'admin' } },
      ],
    },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!me.value) await refreshSession().catch(() => null);
  if (!me.value) return { name: 'login', query: { next: to.fullPath } };
  // only a convenience: the server refuses the data to anyone else anyway
  return !to.meta.role || to.meta.role === me.value.role ? true : { name: 'catalog' };
});
