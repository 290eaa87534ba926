// GET /api/site-export/<collection>: what the public site is built from (see controller).
// Its action, api::site-export.site-export.find, is all the site build's custom API token is
// granted (scripts/ops/src/site-token.ts). Drafts (…/<collection>/drafts, or ?status=draft) need the
// action api::site-export.site-export.drafts, which only the preview server's token has, and
// the preview secret. The public role has no access.
export default {
  routes: [
    {
      method: 'GET',
      path: '/site-export/:collection',
      handler: 'site-export.find',
      config: { policies: [] },
    },
    {
      method: 'GET',
      path: '/site-export/:collection/drafts',
      handler: 'site-export.drafts',
      config: { policies: [] },
    },
  ],
};
