// The notifications bell (contract C3): the unread count from GET /v1/notifications, then live
// updates over SSE (a single-use stream ticket, then EventSource). Hidden when the notifications
// service is not running (404) or the viewer is signed out.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, session } from '../api/client';
import type { NotificationItem, NotificationPage } from '../api/types';

type Listener = (item: NotificationItem) => void;
export const liveNotifications = new Set<Listener>();

export function Bell() {
  const [unread, setUnread] = useState<number | null>(null);
  const [flash, setFlash] = useState(false);
  const userId = session.user?.id;
  useEffect(() => {
    if (!userId) {
      setUnread(null);
      return;
    }
    let closed = false;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let lastId = ''; // the last item this stream delivered: a reconnect resumes after it
    const refreshCount = () =>
      api<NotificationPage>('/v1/notifications?limit=1').then((p) => !closed && setUnread(p.unreadCount));
    const connect = async () => {
      try {
        const { ticket } = await api<{ ticket: string }>('/v1/notifications/stream-ticket', { method: 'POST' });
        if (closed) return;
        const resume = lastId ? `&lastEventId=${encodeURIComponent(lastId)}` : '';
        source = new EventSource(`/v1/notifications/stream?ticket=${encodeURIComponent(ticket)}${resume}`);
        source.addEventListener('open', () => (delay = 1000));
        source.addEventListener('notification', (e) => {
          const message = e as MessageEvent;
          if (message.lastEventId) lastId = message.lastEventId;
          const item = JSON.parse(message.data) as NotificationItem;
          if (!item.read) setUnread((u) => (u ?? 0) + 1);
          setFlash(true);
          setTimeout(() => setFlash(false), 1500);
          for (const fn of liveNotifications) fn(item);
        });
        source.addEventListener('error', () => {
          // Tickets are single use: reconnect with a new one, resuming after the last item seen
          // (the stream replays what was missed, so the count stays right); before any item,
          // recount instead.
          source?.close();
          if (closed) return;
          retry = setTimeout(() => void (lastId ? connect() : refreshCount().then(connect, connect)), delay);
          delay = Math.min(delay * 2, 30000);
        });
      } catch (e) {
        if (!closed && !(e instanceof ApiError && e.status === 404)) {
          retry = setTimeout(connect, delay);
          delay = Math.min(delay * 2, 30000);
        }
      }
    };
    refreshCount().then(connect, (e) => {
      if (e instanceof ApiError && e.status === 404) setUnread(null); // no notifications service
    });
    const onRead = (e: Event) => setUnread((e as CustomEvent<number>).detail);
    addEventListener('sp-unread', onRead);
    return () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
      removeEventListener('sp-unread', onRead);
    };
  }, [userId]);
  if (unread === null) return null;
  return (
    <a href="/notifications" class={flash ? 'bell flash' : 'bell'} aria-label={`Notifications, ${unread} unread`} data-testid="bell">
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.7V3.5a2 2 0 0 0-4 0v.8A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
      {unread > 0 && <span class="badge" data-testid="bell-count">{unread > 99 ? '99+' : unread}</span>}
    </a>
  );
}
