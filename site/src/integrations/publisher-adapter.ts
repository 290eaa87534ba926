import type { AstroIntegration } from 'astro';

// The adapter of the publisher's build (SITE_BUILD_MODE=publisher): no server, no request
// handling of its own. Its entry (src/publisher/entry.ts) is a module the long-lived publisher
// imports to install content, list the site's outputs and render any one of them.
export function publisherAdapter(): AstroIntegration {
  return {
    name: 'cus-publisher-adapter',
    hooks: {
      'astro:config:setup': ({ addMiddleware }) => {
        addMiddleware({ entrypoint: new URL('../publisher/capture-errors.ts', import.meta.url), order: 'pre' });
      },
      'astro:config:done': ({ setAdapter }) => {
        setAdapter({
          name: 'cus-publisher',
          entrypointResolution: 'auto',
          serverEntrypoint: new URL('../publisher/entry.ts', import.meta.url),
          adapterFeatures: { buildOutput: 'server' },
          supportedAstroFeatures: { serverOutput: 'stable', staticOutput: 'stable', hybridOutput: 'stable', sharpImageService: 'stable' },
        });
      },
    },
  };
}
