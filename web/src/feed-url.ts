// The feed request of a home-page URL: shared by the boot code (early fetch) and the home page.
export const FEED_PAGE = 24;
export const SORTS = ['hot', 'new', 'top'] as const;
export const PERIODS = ['day', 'week', 'month', 'year', 'all'] as const;

export function feedQuery(search: string): { sort: string; period: string; following: boolean } {
  const q = new URLSearchParams(search);
  const sort = q.get('sort') ?? 'hot';
  const period = q.get('period') ?? 'week';
  return {
    sort: (SORTS as readonly string[]).includes(sort) ? sort : 'hot',
    period: (PERIODS as readonly string[]).includes(period) ? period : 'week',
    following: q.get('feed') === 'following',
  };
}

export function feedUrl(search: string, cursor?: string | null): string {
  const { sort, period, following } = feedQuery(search);
  const p = new URLSearchParams({ limit: String(FEED_PAGE) });
  if (!following) {
    p.set('sort', sort);
    if (sort === 'top') p.set('period', period);
  }
  if (cursor) p.set('cursor', cursor);
  return (following ? '/v1/gallery/feed/following?' : '/v1/gallery/feed?') + p.toString();
}

// The anonymous first page the boot code may fetch early (the following feed needs a token).
// For "/" this is "/v1/gallery/feed?limit=24&sort=hot", which the gateway preloads with a Link
// header (services/gateway/src/site_response.cpp kHomeFeedPreload): keep the two equal.
export function earlyFeedUrl(path: string, search: string): string | null {
  if (path !== '/' || feedQuery(search).following) return null;
  return feedUrl(search);
}
