// REST query strings the tests (and later the site) use: explicit populate of what pages show.

export const EVENT_POPULATE = [
  'populate[dates]=true',
  'populate[venue]=true',
  'populate[organizers]=true',
  'populate[partners]=true',
  'populate[participants]=true',
  'populate[appearances][populate][speaker]=true',
  'populate[appearances][populate][affiliation]=true',
  'populate[funding]=true',
  'populate[credits]=true',
  'populate[gallery][populate][photos][populate][image]=true',
].join('&');

export const eventBySlug = (slug: string) =>
  `/api/events?filters[slug][$eq]=${encodeURIComponent(slug)}&${EVENT_POPULATE}`;
