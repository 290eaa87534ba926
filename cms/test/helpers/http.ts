// Small fetch wrappers for tests: JSON in, { status, body } out.

export interface JsonResponse {
  status: number;
  body: any;
}

export async function request(
  url: string,
  opts: { method?: string; token?: string; json?: unknown; /** JSON text sent as it is (values JSON.stringify cannot make). */ rawJson?: string } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.json !== undefined || opts.rawJson !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.rawJson ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json)),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}

/** Logs in to the admin API and returns the admin JWT. */
export async function adminLogin(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await request(`${baseUrl}/admin/login`, { method: 'POST', json: { email, password } });
  const token = res.body?.data?.token ?? res.body?.data?.accessToken;
  if (res.status !== 200 || !token) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return token;
}
