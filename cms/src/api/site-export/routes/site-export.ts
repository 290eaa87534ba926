// GET /api/site-export/<collection>: what the public site is built from (see controller).
// The action is called "find" so that read-only API tokens may use it (Strapi lets read-only
// tokens reach only find/findOne actions); the public role has no access.
export default {
  routes: [
    {
      method: 'GET',
      path: '/site-export/:collection',
      handler: 'site-export.find',
      config: { policies: [] },
    },
  ],
};
