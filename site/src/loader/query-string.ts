// Strapi's REST API takes nested parameters in bracket form:
// { populate: { dates: true } } → "populate[dates]=true"; arrays become [0], [1], ….

export type QueryValue = string | number | boolean | QueryValue[] | { [key: string]: QueryValue };

function encode(prefix: string, value: QueryValue, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => encode(`${prefix}[${i}]`, v, out));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) encode(prefix ? `${prefix}[${k}]` : k, v, out);
  } else {
    // Brackets stay readable; everything else is percent-encoded.
    out.push(`${encodeURIComponent(prefix).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(String(value))}`);
  }
}

export function toQueryString(params: Record<string, QueryValue>): string {
  const out: string[] = [];
  encode('', params, out);
  return out.join('&');
}
