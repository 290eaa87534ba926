// Fetching as the guide does: one REST call with populate, the token in a header.
export async function fetchEvents() {
  const url = new URL('/api/events', process.env.STRAPI_URL);
  url.search = 'populate[dates]=true&populate[gallery][populate][photos][populate][image]=true&pagination[pageSize]=100';
  const res = await fetch(url, { headers: { Authorization: `Bearer ${process.env.STRAPI_TOKEN}` } });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()).data;
}

export const media = (path) => new URL(path, process.env.STRAPI_URL).href;
