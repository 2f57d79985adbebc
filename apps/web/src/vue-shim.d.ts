// vue-tsc reads .vue files itself; the type-aware linter runs plain TypeScript, which needs to be told what one exports
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
