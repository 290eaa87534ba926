// Minimal read of published events for the placeholder home page. The full content loader
// (pagination with several requests in flight, explicit populate of every page's fields,
// retries) comes with the site issue.

export interface EventSummary {
  documentId: string;
  title: string;
  slug: string;
  type: string;
  lead: string | null;
  dates: { start: string; end?: string | null }[];
}

export async function fetchEventSummaries(): Promise<EventSummary[] | null> {
  const url = process.env.STRAPI_URL;
  const token = process.env.STRAPI_TOKEN;
  if (!url) return null;
  const out: EventSummary[] = [];
  for (let page = 1; ; page++) {
    const query = `fields[0]=title&fields[1]=slug&fields[2]=type&fields[3]=lead&populate[dates]=true&pagination[page]=${page}&pagination[pageSize]=100`;
    const res = await fetch(`${url}/api/events?${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new Error(`GET ${url}/api/events failed: HTTP ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { data: EventSummary[]; meta: { pagination: { pageCount: number } } };
    out.push(...body.data);
    if (page >= body.meta.pagination.pageCount) return out;
  }
}
