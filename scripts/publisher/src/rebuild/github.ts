import type { Trigger } from './scheduler.ts';

// Instead of building here, hand each coalesced change to CI: GitHub's repository_dispatch
// starts .github/workflows/publish.yml, which builds and deploys to the S3 target.

export interface GithubConfig {
  repository: string; // "owner/name"
  token: string;
  apiUrl?: string;
  eventType?: string;
}

export async function dispatchToGithub(cfg: GithubConfig, triggers: Trigger[]): Promise<void> {
  const url = `${(cfg.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '')}/repos/${cfg.repository}/dispatches`;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${cfg.token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'content-type': 'application/json',
      'user-agent': 'cus-rebuild-service',
    },
    body: JSON.stringify({
      event_type: cfg.eventType ?? 'cms-content-changed',
      // GitHub allows at most 10 top-level keys here: keep it small.
      client_payload: {
        changes: triggers.length,
        reasons: triggers.slice(0, 20).map((t) => t.reason),
        first: new Date(triggers[0]?.at ?? Date.now()).toISOString(),
      },
    }),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 204 && !res.ok) {
    throw new Error(`repository_dispatch to ${cfg.repository} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  }
}
