import type { AstroIntegration } from 'astro';

// The draft preview's routes, added only to builds made for the preview server (SITE_PREVIEW=1):
// the public build has no on-demand route at all.
export function previewRoutes(): AstroIntegration {
  return {
    name: 'cus-preview-routes',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: '/podglad/[collection]/[id]', entrypoint: new URL('../preview/draft.astro', import.meta.url), prerender: false });
        injectRoute({ pattern: '/media/[...name]', entrypoint: new URL('../preview/media.ts', import.meta.url), prerender: false });
      },
    },
  };
}
