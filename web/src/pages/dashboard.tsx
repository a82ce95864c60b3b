// The creator dashboard (contract C4): views, likes and comments over a period as a chart, the
// totals and the top posts. An empty state when the analytics service is not running (404).
import { api, ApiError } from '../api/client';
import type { CreatorStats } from '../api/types';
import { Empty, Failure, Loading } from '../components/states';
import { useLoad, useSession, useTitle } from '../hooks';
import { navigate } from '../router';
import { useEffect } from 'preact/hooks';

const RANGES: [string, number, 'hour' | 'day'][] = [
  ['24 hours', 1, 'hour'],
  ['7 days', 7, 'day'],
  ['30 days', 30, 'day'],
];

function Chart({ stats }: { stats: CreatorStats }) {
  const W = 640;
  const H = 200;
  const pad = 28;
  const s = stats.series;
  const max = Math.max(1, ...s.map((p) => Math.max(p.views, p.likes)));
  const x = (i: number) => pad + (s.length <= 1 ? 0 : (i * (W - 2 * pad)) / (s.length - 1));
  const y = (v: number) => H - pad - (v * (H - 2 * pad)) / max;
  const line = (k: 'views' | 'likes') => s.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p[k]).toFixed(1)}`).join(' ');
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Views and likes per ${stats.bucket}: ${stats.totals.views} views, ${stats.totals.likes} likes in total`}>
      <text x={pad} y={16}>
        max {max}
      </text>
      <path d={line('views')} class="views" fill="none" stroke-width="2" />
      <path d={line('likes')} class="likes" fill="none" stroke-width="2" />
      <text x={W - pad - 90} y={16}>
        — views
      </text>
      <text x={W - pad - 40} y={16}>
        — likes
      </text>
    </svg>
  );
}

export default function DashboardPage({ search }: { search: string }) {
  const s = useSession();
  useTitle('Dashboard');
  const days = Number(new URLSearchParams(search).get('days') ?? 7);
  const range = RANGES.find((r) => r[1] === days) ?? RANGES[1];
  useEffect(() => {
    if (s.resolved && !s.user) navigate('/login?next=/dashboard', true);
  }, [s.resolved, s.user]);
  const r = useLoad(async () => {
    if (!s.user) return null;
    const to = new Date();
    const from = new Date(to.getTime() - range[1] * 86400e3);
    return api<CreatorStats>(`/v1/analytics/creators/me/stats?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}&bucket=${range[2]}`);
  }, [s.user?.id, days]);
  if (!s.user || (r.loading && !r.data)) return <Loading />;
  if (r.error instanceof ApiError && r.error.status === 404) return <Empty title="The dashboard is not available on this server" />;
  if (r.error) return <Failure error={r.error} retry={r.reload} />;
  const st = r.data!;
  return (
    <section class="medium">
      <h1>Dashboard</h1>
      <nav class="tabs" aria-label="Period">
        {RANGES.map(([label, d]) => (
          <a key={d} href={`/dashboard?days=${d}`} class={d === range[1] ? 'tab active' : 'tab'} aria-current={d === range[1] ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <div class="kpis" data-testid="kpis">
        <div class="kpi">
          <strong data-testid="total-views">{st.totals.views}</strong> views
        </div>
        <div class="kpi">
          <strong>{st.totals.likes}</strong> likes
        </div>
        <div class="kpi">
          <strong>{st.totals.comments}</strong> comments
        </div>
      </div>
      <h2>Over time</h2>
      {st.series.length ? <Chart stats={st} /> : <p class="muted">No activity in this period.</p>}
      <h2>Top posts</h2>
      {st.topPosts.length === 0 ? (
        <p class="muted">No views yet.</p>
      ) : (
        <table class="params">
          <thead>
            <tr>
              <th scope="col">Post</th>
              <th scope="col">Views</th>
              <th scope="col">Likes</th>
              <th scope="col">Comments</th>
            </tr>
          </thead>
          <tbody>
            {st.topPosts.map((p) => (
              <tr key={p.postId}>
                <td>
                  <a href={`/p/${p.postId}`}>{p.title}</a>
                </td>
                <td>{p.views}</td>
                <td>{p.likes}</td>
                <td>{p.comments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
