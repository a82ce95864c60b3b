// The inbox (contract C3): newest first, cursor-paged, live additions from the bell's stream,
// mark one or all read.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { NotificationItem, NotificationPage } from '../api/types';
import { liveNotifications } from '../components/bell';
import { FormError } from '../components/form';
import { Empty, Failure, Loading } from '../components/states';
import { useSession, useTitle } from '../hooks';
import { navigate } from '../router';

function describe(n: NotificationItem): string {
  const who = n.actors[0] ? `@${n.actors[0].handle}` : 'Someone';
  const others = n.actorCount > 1 ? ` and ${n.actorCount - 1} other${n.actorCount > 2 ? 's' : ''}` : '';
  const what = n.subject?.title ? `“${n.subject.title}”` : 'your post';
  switch (n.kind) {
    case 'follow': return `${who}${others} followed you`;
    case 'like': return `${who}${others} liked ${what}`;
    case 'like_milestone': return `${what} reached a like milestone`;
    case 'comment': return `${who}${others} commented on ${what}`;
    case 'remix': return `${who} remixed ${what}`;
    case 'new_post': return `${who} posted ${what}`;
    case 'welcome': return 'Welcome to StrangePrompt!';
    default: return `${who}: ${n.kind}`;
  }
}

function link(n: NotificationItem) {
  if (n.subject?.type === 'post') return `/p/${n.subject.id}`;
  if (n.actors[0]) return `/u/${n.actors[0].handle}`;
  return '/';
}

export default function NotificationsPage() {
  const s = useSession();
  useTitle('Notifications');
  const [items, setItems] = useState<NotificationItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'absent' | unknown>('loading');
  const [error, setError] = useState<unknown>(null);
  const load = (cursor: string | null) =>
    api<NotificationPage>(`/v1/notifications?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).then(
      (p) => {
        setItems((prev) => (cursor ? [...prev, ...p.items] : p.items));
        setNext(p.next);
        setState('ready');
      },
      (e) => setState(e instanceof ApiError && e.status === 404 ? 'absent' : e),
    );
  useEffect(() => {
    if (s.resolved && !s.user) navigate('/login?next=/notifications', true);
    else if (s.user) void load(null);
  }, [s.resolved, s.user?.id]);
  useEffect(() => {
    const onItem = (n: NotificationItem) => setItems((prev) => [n, ...prev.filter((x) => x.id !== n.id)]);
    liveNotifications.add(onItem);
    return () => void liveNotifications.delete(onItem);
  }, []);
  const markRead = async (body: { ids: string[] } | { all: true }) => {
    try {
      const r = await api<{ unreadCount: number }>('/v1/notifications/read', { method: 'POST', json: body });
      dispatchEvent(new CustomEvent('sp-unread', { detail: r.unreadCount }));
      setItems((prev) => prev.map((n) => ('all' in body || body.ids.includes(n.id) ? { ...n, read: true } : n)));
    } catch (e) {
      setError(e);
    }
  };
  if (state === 'loading') return <Loading />;
  if (state === 'absent') return <Empty title="Notifications are not available on this server" />;
  if (state !== 'ready') return <Failure error={state} retry={() => void load(null)} />;
  return (
    <section class="medium">
      <h1>Notifications</h1>
      <FormError error={error} />
      {items.length === 0 ? (
        <Empty title="No notifications yet">
          <p>Likes, comments, follows and remixes of your posts show up here.</p>
        </Empty>
      ) : (
        <>
          <button type="button" onClick={() => void markRead({ all: true })}>
            Mark all read
          </button>
          <ul class="list" data-testid="notifications">
            {items.map((n) => (
              <li key={n.id} class={n.read ? '' : 'unread'}>
                <a href={link(n)} onClick={() => !n.read && void markRead({ ids: [n.id] })}>
                  {describe(n)}
                </a>
                <span class="muted">{new Date(n.createdAt).toLocaleString()}</span>
              </li>
            ))}
          </ul>
          {next && (
            <button type="button" onClick={() => void load(next)}>
              Older
            </button>
          )}
        </>
      )}
    </section>
  );
}
