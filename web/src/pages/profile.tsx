// A profile: avatar, bio, links, follow, counts; tabs for posts, collections, followers and
// following (each cursor-paged).
import { useState } from 'preact/hooks';
import { api, session } from '../api/client';
import type { Collection, PostList, Profile, UserList } from '../api/types';
import { Avatar } from '../components/avatar';
import { PostGrid } from '../components/grid';
import { Empty, Failure, Loading } from '../components/states';
import { useLoad, useSession, useTitle } from '../hooks';
import { navigate } from '../router';

function usePaged<T>(url: string, deps: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const first = useLoad(async () => {
    const page = await api<{ items: T[]; next: string | null }>(url);
    setItems(page.items);
    setNext(page.next);
    return page;
  }, deps);
  const more = async () => {
    if (!next) return;
    const page = await api<{ items: T[]; next: string | null }>(`${url}&cursor=${encodeURIComponent(next)}`);
    setItems((prev) => [...prev, ...page.items]);
    setNext(page.next);
  };
  return { items, next, more, first };
}

function Posts({ handle }: { handle: string }) {
  const p = usePaged<PostList['items'][number]>(`/v1/gallery/users/${encodeURIComponent(handle)}/posts?limit=24`, [handle, session.user?.id]);
  if (p.first.error) return <Failure error={p.first.error} retry={p.first.reload} />;
  if (p.first.loading && !p.items.length) return <Loading />;
  if (!p.items.length) return <Empty title="No posts yet" />;
  return <PostGrid posts={p.items} more={!!p.next} onMore={p.more} />;
}

function Users({ handle, list }: { handle: string; list: 'followers' | 'following' }) {
  const p = usePaged<UserList['items'][number]>(`/v1/profiles/${encodeURIComponent(handle)}/${list}?limit=50`, [handle, list]);
  if (p.first.error) return <Failure error={p.first.error} retry={p.first.reload} />;
  if (p.first.loading && !p.items.length) return <Loading />;
  if (!p.items.length) return <Empty title={list === 'followers' ? 'No followers yet' : 'Not following anyone yet'} />;
  return (
    <>
      <ul class="list">
        {p.items.map((u) => (
          <li key={u.handle}>
            <a href={`/u/${u.handle}`}>
              {u.displayName} <span class="muted">@{u.handle}</span>
            </a>
          </li>
        ))}
      </ul>
      {p.next && (
        <button type="button" onClick={() => void p.more()}>
          More
        </button>
      )}
    </>
  );
}

function Collections({ handle }: { handle: string }) {
  const p = usePaged<Collection>(`/v1/gallery/users/${encodeURIComponent(handle)}/collections?limit=50`, [handle, session.user?.id]);
  if (p.first.error) return <Failure error={p.first.error} retry={p.first.reload} />;
  if (p.first.loading && !p.items.length) return <Loading />;
  if (!p.items.length) return <Empty title="No collections yet" />;
  return (
    <ul class="list">
      {p.items.map((c) => (
        <li key={c.id}>
          <a href={`/c/${c.id}`}>{c.name}</a>
          <span class="muted">
            {c.postCount} posts{c.public ? '' : ' · private'}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function ProfilePage({ params }: { params: Record<string, string> }) {
  const s = useSession();
  const handle = params.handle;
  const list = params.list ?? 'posts';
  const r = useLoad(() => api<Profile>(`/v1/profiles/${encodeURIComponent(handle)}`), [handle, s.user?.id]);
  const [follow, setFollow] = useState<{ following: boolean; count: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [newName, setNewName] = useState('');
  useTitle(`@${handle}`);
  if (r.loading && !r.data) return <Loading />;
  if (r.error) return <Failure error={r.error} retry={r.reload} />;
  const p = r.data!;
  const me = s.user?.handle === p.handle;
  const following = follow?.following ?? p.followedByMe;
  const followers = follow?.count ?? p.followersCount;
  const tab = (name: string, label: string) => (
    <a href={name === 'posts' ? `/u/${handle}` : `/u/${handle}/${name}`} class={list === name ? 'tab active' : 'tab'} aria-current={list === name ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <section>
      <div class="profile-head">
        <Avatar url={p.avatarUrl} name={p.displayName} />
        <div>
          <h1>
            {p.displayName} <span class="muted">@{p.handle}</span>
          </h1>
          {p.bio && <p>{p.bio}</p>}
          {p.links.length > 0 && (
            <p>
              {p.links.map((l) => (
                <a key={l} href={l} rel="noopener noreferrer nofollow" target="_blank" style={{ marginRight: '.8rem' }}>
                  {l.replace(/^https?:\/\//, '')}
                </a>
              ))}
            </p>
          )}
          <p class="counts">
            <span>{p.postsCount} posts</span>
            <a href={`/u/${handle}/followers`}>{followers} followers</a>
            <a href={`/u/${handle}/following`}>{p.followingCount} following</a>
          </p>
        </div>
        {me ? (
          <a class="button" href="/settings">
            Edit profile
          </a>
        ) : (
          <button
            type="button"
            class={following ? '' : 'primary'}
            aria-pressed={following}
            onClick={async () => {
              if (!s.user) return navigate(`/login?next=/u/${handle}`);
              try {
                await api(`/v1/profiles/${encodeURIComponent(handle)}/follow`, { method: following ? 'DELETE' : 'PUT' });
                setFollow({ following: !following, count: followers + (following ? -1 : 1) });
              } catch (e) {
                setError(e);
              }
            }}
          >
            {following ? 'Following' : 'Follow'}
          </button>
        )}
      </div>
      {error ? <p class="notice error" role="alert">{(error as Error).message}</p> : null}
      <nav class="tabs" aria-label="Profile sections">
        {tab('posts', 'Posts')}
        {tab('collections', 'Collections')}
        {tab('followers', 'Followers')}
        {tab('following', 'Following')}
      </nav>
      {list === 'followers' || list === 'following' ? (
        <Users handle={handle} list={list} />
      ) : list === 'collections' ? (
        <>
          {me && (
            <form
              class="actions"
              onSubmit={async (e) => {
                e.preventDefault();
                try {
                  const c = await api<Collection>('/v1/gallery/collections', { method: 'POST', json: { name: newName } });
                  navigate(`/c/${c.id}`);
                } catch (err) {
                  setError(err);
                }
              }}
            >
              <label for="new-collection" class="visually-hidden">
                New collection name
              </label>
              <input id="new-collection" placeholder="New collection" required maxLength={100} value={newName} onInput={(e) => setNewName(e.currentTarget.value)} style={{ maxWidth: '20rem' }} />
              <button type="submit">Create</button>
            </form>
          )}
          <Collections handle={handle} />
        </>
      ) : (
        <Posts handle={handle} />
      )}
    </section>
  );
}
