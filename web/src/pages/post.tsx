// A post: large image, prompt / negative prompt with copy buttons, "copy as Automatic1111
// parameters", the parameters table, tags, like, views, comments, remix lineage with the prompt
// diff, remixes and similar posts. A view is counted through analytics (C4) when it runs.
import { useEffect, useState } from 'preact/hooks';
import { a1111Parameters, paramRows } from '../a1111';
import { api, request, session } from '../api/client';
import type { Collection, Comment, Post, PostList } from '../api/types';
import { CopyButton } from '../components/copy';
import { PostGrid } from '../components/grid';
import { MediaImage, readyMedia } from '../components/media';
import { Failure, Loading } from '../components/states';
import { useLoad, useSession, useTitle } from '../hooks';
import { navigate } from '../router';

type Diff = { prompt?: { op: string; text: string }[]; negativePrompt?: { op: string; text: string }[]; params?: { field: string; from: unknown; to: unknown }[] };

function visitorId(): string {
  // An anonymous per-tab visitor id for view counting (not a credential; sessionStorage).
  try {
    let v = sessionStorage.getItem('sp-visitor');
    if (!v) {
      v = crypto.randomUUID();
      sessionStorage.setItem('sp-visitor', v);
    }
    return v;
  } catch {
    return 'anonymous';
  }
}

function DiffText({ parts }: { parts?: { op: string; text: string }[] }) {
  if (!parts?.length) return null;
  return (
    <p class="diff">
      {parts.map((p, i) => (
        <span key={i} class={p.op}>
          {p.text}{' '}
        </span>
      ))}
    </p>
  );
}

function Comments({ post }: { post: Post }) {
  const s = useSession();
  const [items, setItems] = useState<Comment[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const load = (cursor: string | null) =>
    api<{ items: Comment[]; next: string | null }>(`/v1/gallery/posts/${post.id}/comments?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).then(
      (page) => {
        setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
        setNext(page.next);
      },
      setError,
    );
  useEffect(() => void load(null), [post.id]);
  return (
    <section aria-labelledby="comments-h">
      <h2 id="comments-h">Comments ({post.commentCount})</h2>
      {error ? <Failure error={error} retry={() => void load(null)} /> : null}
      {items.length === 0 && !error && <p class="muted">No comments yet.</p>}
      <ul class="comments" data-testid="comments">
        {items.map((c) => (
          <li key={c.id}>
            <a href={`/u/${c.author?.handle}`}>@{c.author?.handle ?? 'someone'}</a> <span class="muted">{new Date(c.createdAt!).toLocaleString()}</span>
            <p>{c.body}</p>
            {s.user && (s.user.id === c.author?.id || s.user.id === post.author?.id) && (
              <button type="button" class="danger" onClick={() => api(`/v1/gallery/comments/${c.id}`, { method: 'DELETE' }).then(() => setItems(items.filter((x) => x.id !== c.id)), setError)}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" onClick={() => void load(next)}>
          More comments
        </button>
      )}
      {s.user ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!body.trim()) return;
            setSending(true);
            try {
              const c = await api<Comment>(`/v1/gallery/posts/${post.id}/comments`, { method: 'POST', json: { body } });
              setItems([...items, c]);
              setBody('');
              setError(null);
            } catch (err) {
              setError(err);
            } finally {
              setSending(false);
            }
          }}
        >
          <label for="comment">Add a comment</label>
          <textarea id="comment" value={body} maxLength={2000} onInput={(e) => setBody(e.currentTarget.value)} />
          <button class="primary" type="submit" disabled={sending || !body.trim()}>
            Comment
          </button>
        </form>
      ) : (
        <p>
          <a href="/login">Log in</a> to comment.
        </p>
      )}
    </section>
  );
}

// "Save to collection": the viewer's own collections, one PUT per choice.
function SaveToCollection({ post }: { post: Post }) {
  const s = useSession();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<string | null>(null);
  const mine = useLoad(
    () => (open && s.user ? api<{ items: Collection[] }>(`/v1/gallery/users/${encodeURIComponent(s.user.handle)}/collections?limit=100`) : Promise.resolve(null)),
    [open, s.user?.id],
  );
  if (!s.user) return null;
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Save to collection
      </button>
    );
  return (
    <div class="prompt-box">
      {mine.error ? <p class="notice error">{(mine.error as Error).message}</p> : null}
      {mine.data && mine.data.items.length === 0 && (
        <p class="muted">
          No collections yet: create one on <a href={`/u/${s.user.handle}/collections`}>your profile</a>.
        </p>
      )}
      <ul class="list">
        {mine.data?.items.map((c) => (
          <li key={c.id}>
            <span>{c.name}</span>
            <button
              type="button"
              onClick={() =>
                api(`/v1/gallery/collections/${c.id}/posts/${post.id}`, { method: 'PUT' }).then(
                  () => setState(`Saved to ${c.name}`),
                  (e) => setState((e as Error).message),
                )
              }
            >
              Save here
            </button>
          </li>
        ))}
      </ul>
      {state && <p role="status">{state}</p>}
    </div>
  );
}

function Related({ title, url }: { title: string; url: string }) {
  const r = useLoad(() => api<PostList>(url), [url]);
  if (r.error || !r.data?.items.length) return null;
  return (
    <section>
      <h2>{title}</h2>
      <PostGrid posts={r.data.items} more={false} />
    </section>
  );
}

export default function PostPage({ params }: { params: Record<string, string> }) {
  const s = useSession();
  const id = params.id;
  const r = useLoad(() => api<Post>(`/v1/gallery/posts/${id}`), [id, s.user?.id]);
  const parent = useLoad(() => (r.data?.remixOf ? api<Post>(`/v1/gallery/posts/${r.data.remixOf}`) : Promise.resolve(null)), [r.data?.remixOf]);
  const [like, setLike] = useState<{ liked: boolean; likeCount: number } | null>(null);
  const [stats, setStats] = useState<{ views: number } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  useTitle(r.data?.title ?? 'Post');
  useEffect(() => setLike(null), [id]);
  useEffect(() => {
    // Count the view (C4) and read the running totals; both optional (404 without analytics).
    void request('/v1/analytics/events', { method: 'POST', json: { events: [{ type: 'view', postId: id, visitorId: visitorId() }] } }).catch(() => null);
    api<{ views: number }>(`/v1/analytics/posts/${id}/stats`).then(setStats, () => setStats(null));
  }, [id]);
  if (r.loading && !r.data) return <Loading />;
  if (r.error) return <Failure error={r.error} retry={r.reload} />;
  const post = r.data!;
  const liked = like?.liked ?? post.likedByMe ?? false;
  const likeCount = like?.likeCount ?? post.likeCount ?? 0;
  const m = post.media?.find(readyMedia);
  const pending = post.media?.find((x) => x.status === 'pending');
  const diff = post.remixDiff as Diff | null | undefined;
  const rows = paramRows(post.params);
  return (
    <article class="post">
      <div class="post-image">
        {m ? (
          <MediaImage media={m} alt={post.title} sizes="(max-width: 820px) 100vw, 60vw" eager />
        ) : (
          <div class="prompt-box">
            <p class="muted">{pending
                ? 'The image is still being processed.'
                : post.images && post.images.length > 0
                  ? 'The image is not available yet.'
                  : 'This post shares a prompt without an image.'}</p>
          </div>
        )}
      </div>
      <div class="post-comments">
        <Comments post={post} />
      </div>
      <div class="post-info">
        <h1>{post.title}</h1>
        <p>
          by{' '}
          <a href={`/u/${post.author?.handle}`}>
            {post.author?.avatarUrl && <img class="avatar-small" src={post.author.avatarUrl} alt="" width={24} height={24} decoding="async" />}@{post.author?.handle ?? 'someone'}
          </a>
          {post.publishedAt && <span class="muted"> · {new Date(post.publishedAt).toLocaleDateString()}</span>}
        </p>
        <div class="actions">
          <button
            type="button"
            class={liked ? 'primary' : ''}
            aria-pressed={liked}
            data-testid="like"
            onClick={async () => {
              if (!session.user) return navigate('/login');
              try {
                setLike(await api(`/v1/gallery/posts/${post.id}/like`, { method: liked ? 'DELETE' : 'PUT' }));
                setActionError(null);
              } catch (e) {
                setActionError(e);
              }
            }}
          >
            ♥ <span data-testid="like-count">{likeCount}</span> <span class="visually-hidden">likes</span>
          </button>
          <span class="button" data-testid="views">
            {stats?.views ?? post.viewCount} views
          </span>
          {s.user && <a class="button" href={`/upload?remixOf=${post.id}`}>Remix</a>}
          <CopyButton text={a1111Parameters(post.prompt, post.negativePrompt, post.params)} label="Copy as Automatic1111 parameters" testId="copy-a1111" />
        </div>
        <SaveToCollection post={post} />
        {actionError ? <p class="notice error" role="alert">{(actionError as Error).message}</p> : null}
        <div class="prompt-box">
          <header>
            Prompt <CopyButton text={post.prompt} label="Copy" testId="copy-prompt" />
          </header>
          <p data-testid="prompt">{post.prompt}</p>
        </div>
        {post.negativePrompt && (
          <div class="prompt-box">
            <header>
              Negative prompt <CopyButton text={post.negativePrompt} label="Copy" />
            </header>
            <p>{post.negativePrompt}</p>
          </div>
        )}
        {rows.length > 0 ? (
          <table class="params">
            <caption class="visually-hidden">Generation parameters</caption>
            <tbody>
              {rows.map(([k, v]) => (
                <tr key={k + v}>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">{post.params === null ? 'The author keeps the parameters private.' : 'No parameters.'}</p>
        )}
        {post.tags && post.tags.length > 0 && (
          <ul class="tags" aria-label="Tags">
            {post.tags.map((t) => (
              <li key={t}>
                <a class="chip" href={`/search?tag=${encodeURIComponent(t)}`}>
                  #{t}
                </a>
              </li>
            ))}
          </ul>
        )}
        {post.remixOf && (
          <section>
            <h2>Remix of</h2>
            {parent.data ? (
              <p>
                <a href={`/p/${parent.data.id}`}>{parent.data.title}</a> by @{parent.data.author?.handle}
              </p>
            ) : (
              <p class="muted">The original is not visible to you.</p>
            )}
            {diff && (
              <>
                <h3>Prompt changes</h3>
                <DiffText parts={diff.prompt} />
                {diff.params && diff.params.length > 0 && (
                  <ul>
                    {diff.params.map((c) => (
                      <li key={c.field}>
                        {c.field}: {String(c.from ?? '—')} → {String(c.to ?? '—')}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </section>
        )}
        <Related title="Remixes" url={`/v1/gallery/posts/${post.id}/remixes?limit=12`} />
        <Related title="Similar prompts" url={`/v1/gallery/posts/${post.id}/similar?limit=12`} />
      </div>
    </article>
  );
}

