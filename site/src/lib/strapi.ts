import { eventSchema, listResponse, validateEntries, type EventEntry } from '@cus/shared';

// Minimal read of published events for the placeholder home page, validated with the shared
// contract. The full content loader (several requests in flight, explicit populate for every
// page, retries) comes with the site issue.

export async function fetchEvents(): Promise<EventEntry[] | null> {
  const url = process.env.STRAPI_URL;
  const token = process.env.STRAPI_TOKEN;
  if (!url) return null;
  const out: EventEntry[] = [];
  for (let page = 1; ; page++) {
    const query = `fields[0]=title&fields[1]=slug&fields[2]=type&fields[3]=lead&populate[dates]=true&pagination[page]=${page}&pagination[pageSize]=100`;
    const res = await fetch(`${url}/api/events?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new Error(`GET ${url}/api/events failed: HTTP ${res.status} ${await res.text()}`);
    const body = listResponse.parse(await res.json());
    out.push(...validateEntries('event', eventSchema, body.data));
    if (page >= body.meta.pagination.pageCount) return out;
  }
}
