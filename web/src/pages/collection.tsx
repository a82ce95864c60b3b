// A collection: its posts (cursor-paged); the owner can rename, change visibility, delete.
import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Collection, Post } from '../api/types';
import { PostGrid } from '../components/grid';
import { Empty, Failure, Loading } from '../components/states';
import { useLoad, useSession, useTitle } from '../hooks';
import { navigate } from '../router';

export default function CollectionPage({ params }: { params: Record<string, string> }) {
  const s = useSession();
  const [extra, setExtra] = useState<{ items: Post[]; next: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const r = useLoad(() => api<Collection>(`/v1/gallery/collections/${params.id}?limit=24`), [params.id, s.user?.id]);
  useTitle(r.data?.name ?? 'Collection');
  if (r.loading && !r.data) return <Loading />;
  if (r.error) return <Failure error={r.error} retry={r.reload} />;
  const c = r.data!;
  const posts = [...(c.posts?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : (c.posts?.next ?? null);
  const mine = s.user?.id === c.owner?.id;
  return (
    <section>
      <h1>{c.name}</h1>
      <p class="muted">
        by <a href={`/u/${c.owner?.handle}`}>@{c.owner?.handle}</a> · {c.postCount} posts · {c.public ? 'public' : 'private'}
      </p>
      {mine && (
        <div class="actions">
          <button
            type="button"
            onClick={async () => {
              const name = prompt('New name', c.name);
              if (!name) return;
              try {
                await api(`/v1/gallery/collections/${c.id}`, { method: 'PATCH', json: { name } });
                r.reload();
              } catch (e) {
                setError(e);
              }
            }}
          >
            Rename
          </button>
          <button
            type="button"
            onClick={() => api(`/v1/gallery/collections/${c.id}`, { method: 'PATCH', json: { public: !c.public } }).then(r.reload, setError)}
          >
            Make {c.public ? 'private' : 'public'}
          </button>
          <button
            type="button"
            class="danger"
            onClick={async () => {
              if (!confirm('Delete this collection? The posts stay.')) return;
              try {
                await api(`/v1/gallery/collections/${c.id}`, { method: 'DELETE' });
                navigate(`/u/${c.owner?.handle}/collections`);
              } catch (e) {
                setError(e);
              }
            }}
          >
            Delete
          </button>
        </div>
      )}
      {error ? <p class="notice error" role="alert">{(error as Error).message}</p> : null}
      {posts.length === 0 ? (
        <Empty title="This collection is empty" />
      ) : (
        <PostGrid
          posts={posts}
          more={!!next}
          onMore={async () => {
            if (!next) return;
            const page = await api<Collection>(`/v1/gallery/collections/${c.id}?limit=24&cursor=${encodeURIComponent(next)}`);
            setExtra({ items: [...(extra?.items ?? []), ...(page.posts?.items ?? [])], next: page.posts?.next ?? null });
          }}
        />
      )}
    </section>
  );
}
