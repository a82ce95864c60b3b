// Home: hot / new / top (with period) / following feeds as an infinitely scrolling masonry grid.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, session } from '../api/client';
import type { Post, PostList } from '../api/types';
import { PostGrid } from '../components/grid';
import { Empty, Failure, Loading } from '../components/states';
import { PERIODS, feedQuery, feedUrl } from '../feed-url';
import { useSession, useTitle } from '../hooks';

type Early = { feed?: { url: string; response: Promise<Response | null> } };

// The boot code's early first page, when it asked for exactly this URL (used once).
function takeEarly(url: string): Promise<PostList> | null {
  const early = (window as unknown as { __spEarly?: Early }).__spEarly;
  if (!early?.feed || early.feed.url !== url) return null;
  const response = early.feed.response;
  early.feed = undefined;
  return response.then((r) => {
    if (!r || !r.ok) throw Object.assign(new Error('The feed could not be loaded.'), { status: r?.status });
    performance.mark('sp-feed-ready');
    return r.json() as Promise<PostList>;
  });
}

export default function Home({ search }: { search: string }) {
  const s = useSession();
  const { sort, period, following } = feedQuery(search);
  useTitle(following ? 'Following' : '');
  const [posts, setPosts] = useState<Post[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const busy = useRef(false);
  const generation = useRef(0);
  const signedIn = !!s.user;

  const load = useCallback(
    async (cursor: string | null) => {
      if (busy.current) return;
      busy.current = true;
      const gen = generation.current;
      setLoading(true);
      try {
        const url = feedUrl(search, cursor);
        // Anonymous first page: the early request; a signed-in viewer's filters need the token.
        const page = (!cursor && !session.token && takeEarly(url)) || api<PostList>(url);
        const data = await page;
        if (gen !== generation.current) return;
        setPosts((prev) => (cursor ? [...prev, ...data.items.filter((p) => !prev.some((q) => q.id === p.id))] : data.items));
        setNext(data.next);
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError(e);
      } finally {
        busy.current = false;
        if (gen === generation.current) setLoading(false);
      }
    },
    [search],
  );

  const shown = useRef('');
  useEffect(() => {
    if (!s.resolved && !takeEarlyPending(feedUrl(search))) return; // wait for the session
    if (following && !signedIn) return;
    const key = `${search}|${signedIn}`;
    if (shown.current === key) return; // the session resolved as it was assumed: keep the page
    shown.current = key;
    generation.current++;
    busy.current = false;
    setPosts([]);
    setNext(null);
    void load(null);
  }, [search, signedIn, s.resolved]);

  const tab = (label: string, href: string, active: boolean) => (
    <a href={href} class={active ? 'tab active' : 'tab'} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <section>
      <h1 class="visually-hidden">Feed</h1>
      <nav class="tabs" aria-label="Feeds">
        {tab('Hot', '/', !following && sort === 'hot')}
        {tab('New', '/?sort=new', !following && sort === 'new')}
        {tab('Top', `/?sort=top&period=${period}`, !following && sort === 'top')}
        {signedIn && tab('Following', '/?feed=following', following)}
        {sort === 'top' && !following && (
          <span class="periods">
            {PERIODS.map((p) => (
              <a key={p} href={`/?sort=top&period=${p}`} class={p === period ? 'chip active' : 'chip'}>
                {p}
              </a>
            ))}
          </span>
        )}
      </nav>
      {following && !signedIn && s.resolved ? (
        <Empty title="Sign in to see who you follow">
          <a href="/login">Log in</a>
        </Empty>
      ) : error && posts.length === 0 ? (
        <Failure error={error} retry={() => void load(null)} />
      ) : posts.length === 0 && loading ? (
        <Loading label="Loading the feed…" />
      ) : posts.length === 0 ? (
        <Empty title={following ? 'Nothing from the people you follow yet' : 'No posts yet'}>
          <p>{following ? 'Follow creators to fill this feed.' : 'Be the first: '}
            {!following && <a href="/upload">share an image</a>}</p>
        </Empty>
      ) : (
        <PostGrid posts={posts} more={!!next} onMore={() => next && void load(next)} />
      )}
      {error && posts.length > 0 && <Failure error={error} retry={() => void load(next)} />}
    </section>
  );
}

// Whether the boot code's early request for `url` is waiting (then the page need not wait for
// the session to show it).
function takeEarlyPending(url: string): boolean {
  const early = (window as unknown as { __spEarly?: Early }).__spEarly;
  return !!early?.feed && early.feed.url === url;
}
