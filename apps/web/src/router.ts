import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { me, refreshSession } from './session.ts';
import { loadReference } from './state/reference.ts';

/**
 * Where each role lands (ui.md, homes): 领导 and 管理员 on 总览; 市局 on its unit's 单位画像 (the
 * unit defaults to the user's own); 县局 on 序时进度, what it still owes. The catalogue stays under
 * 单位与指标.
 */
export function homeOf(role: string | undefined): { name: string } {
  if (role === 'analyst') return { name: 'unit' };
  if (role === 'reporter') return { name: 'gaps' };
  return { name: 'overview' };
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/screen', name: 'screen', component: () => import('./views/screen/index.vue') },
    { path: '/login', name: 'login', component: () => import('./views/login/index.vue'), meta: { public: true } },
    {
      path: '/',
      component: () => import('./layouts/AppLayout.vue'),
      children: [
        // resolved in the guard below, once the session says who is signing in
        { path: '', name: 'home', component: { render: () => null } },
        { path: 'overview', name: 'overview', component: () => import('./views/overview/index.vue') },
        { path: 'unit', name: 'unit', component: () => import('./views/unit/index.vue') },
        { path: 'gaps', name: 'gaps', component: () => import('./views/gaps/index.vue') },
        { path: 'cycle', name: 'cycle', component: () => import('./views/cycle/index.vue') },
        { path: 'versions', name: 'versions', component: () => import('./views/versions/index.vue') },
        { path: 'catalog', name: 'catalog', component: () => import('./views/catalog/index.vue') },
        { path: 'extract', name: 'extract', component: () => import('./views/extract/index.vue') },
        { path: 'entry/import', name: 'entry-import', component: () => import('./views/entry/import.vue') },
        { path: 'entry/manual', name: 'entry-manual', component: () => import('./views/entry/manual.vue') },
        { path: 'entry/history', name: 'entry-history', component: () => import('./views/entry/history.vue') },
        {
          path: 'admin/units',
          name: 'admin-units',
          component: () => import('./views/admin/units/index.vue'),
          meta: { role: 'admin' },
        },
        {
          path: 'admin/targets',
          name: 'admin-targets',
          component: () => import('./views/admin/targets.vue'),
          meta: { role: 'admin' },
        },
        {
          path: 'admin/settings',
          name: 'admin-settings',
          component: () => import('./views/admin/settings.vue'),
          meta: { role: 'admin' },
        },
        {
          path: 'admin/peer-groups',
          name: 'admin-peer-groups',
          component: () => import('./views/admin/peer-groups.vue'),
          meta: { role: 'admin' },
        },
        { path: 'units/:code', name: 'unit-info', component: () => import('./views/units/index.vue') },
        {
          path: 'admin/users',
          name: 'admin-users',
          component: () => import('./views/admin/users.vue'),
          meta: { role: 'admin' },
        },
      ],
    },
  ],
});

/** Starts loading the lazy components of a route; vue-router's own import later gets the same modules. */
function loadComponents(to: RouteLocationNormalized): void {
  for (const r of to.matched)
    for (const c of Object.values(r.components ?? {}))
      // a failed load is vue-router's to report when it asks again
      if (typeof c === 'function') (c as () => Promise<unknown>)().catch(() => null);
}

router.beforeEach(async (to, from) => {
  if (to.meta.public) return true;
  // units and catalogue go in the same batch as the session: views then fire their own queries at
  // once; the page's code loads meanwhile instead of after the answer
  if (!me.value) {
    loadComponents(to);
    await Promise.all([refreshSession().catch(() => null), loadReference().catch(() => null)]);
  }
  if (!me.value) return { name: 'login', query: { next: to.fullPath } };
  await loadReference();
  // once the overview is open, its own watchers ask again as its URL changes. Imported here, not
  // at the top: the entry must not evaluate @bixue/domain before main.ts sets zod to jitless (CSP).
  // Its chunk is one the overview loads anyway, so waiting for it holds nothing up.
  if (to.name === 'overview' && from.name !== 'overview')
    (await import('./views/overview/queries.ts')).prefetchOverview(to.query);
  if (to.name === 'home') return homeOf(me.value.role);
  // only a convenience: the server refuses the data to anyone else anyway
  return !to.meta.role || to.meta.role === me.value.role ? true : homeOf(me.value.role);
});

// answers sent ahead for an overview that is not shown after all would be stale by the next visit
router.afterEach(async (to, _from, failure) => {
  if (failure || to.name !== 'overview') (await import('./views/overview/queries.ts')).dropEarlyAnswers();
});
