// The masonry grid: cards placed into the currently shortest column (heights estimated from the
// media's aspect ratio, text cards by prompt length), with infinite scroll via a sentinel.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Post } from '../api/types';
import { MediaImage, readyMedia } from './media';

function columnsFor(width: number) {
  if (width < 560) return 2;
  if (width < 900) return 3;
  if (width < 1280) return 4;
  return 5;
}

function estimate(p: Post): number {
  const m = p.media?.find(readyMedia);
  if (m && m.width && m.height) return m.height / m.width + 0.25;
  return 0.6 + Math.min(p.prompt.length, 240) / 400;
}

export function PostCard({ post, eager }: { post: Post; eager?: boolean }) {
  const m = post.media?.find(readyMedia);
  const who = post.author?.handle ?? 'someone';
  return (
    <article class={m ? 'card' : 'card text-card'}>
      <a href={`/p/${post.id}`} class="card-link">
        {m ? (
          <MediaImage media={m} alt={post.title} sizes="(max-width: 560px) 50vw, (max-width: 900px) 33vw, 20vw" eager={eager} />
        ) : (
          <p class="card-prompt">{post.prompt.length > 240 ? post.prompt.slice(0, 240) + '…' : post.prompt}</p>
        )}
      </a>
      <div class="card-meta">
        <a href={`/p/${post.id}`} class="card-title">
          {post.title}
        </a>
        <span class="card-sub">
          <a href={`/u/${who}`}>
            {post.author?.avatarUrl && <img class="avatar-small" src={post.author.avatarUrl} alt="" width={20} height={20} loading="lazy" decoding="async" data-testid="card-avatar" />}@{who}
          </a>
          <span aria-label={`${post.likeCount} likes`}>♥ {post.likeCount}</span>
        </span>
      </div>
    </article>
  );
}

export function PostGrid({ posts, more, onMore }: { posts: Post[]; more: boolean; onMore?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const [cols, setCols] = useState(() => columnsFor(typeof innerWidth === 'number' ? innerWidth : 1200));
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setCols(columnsFor(el.clientWidth + 32)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !more || !onMore) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMore(), { rootMargin: '800px' });
    io.observe(el);
    return () => io.disconnect();
  }, [more, onMore, posts.length]);
  const columns: Post[][] = Array.from({ length: cols }, () => []);
  const heights = new Array(cols).fill(0);
  for (const p of posts) {
    let best = 0;
    for (let i = 1; i < cols; i++) if (heights[i] < heights[best]) best = i;
    columns[best].push(p);
    heights[best] += estimate(p);
  }
  return (
    <div>
      <div class="grid" ref={ref} style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}>
        {columns.map((c, i) => (
          <div class="col" key={i}>
            {c.map((p, j) => (
              <PostCard key={p.id} post={p} eager={j < 2} />
            ))}
          </div>
        ))}
      </div>
      {more && <div ref={sentinel} class="sentinel" aria-hidden="true" />}
    </div>
  );
}
