// The entry: a few hundred bytes that start the first requests before the app code (preloaded
// in parallel through <link rel="modulepreload">) has loaded, then hand over to the app.
// - the session: POST /v1/auth/refresh with the HttpOnly cookie (answers 401 when signed out)
// - on the home page, its first feed page (anonymous; the app refetches when signed in)
import { earlyFeedUrl } from './feed-url';

type Early = { refresh: Promise<Response | null>; feed?: { url: string; response: Promise<Response | null> } };
const early: Early = {
  refresh: fetch('/v1/auth/refresh', { method: 'POST', credentials: 'same-origin' }).catch(() => null),
};
const feedUrl = earlyFeedUrl(location.pathname, location.search);
if (feedUrl) {
  performance.mark('sp-feed-start');
  early.feed = { url: feedUrl, response: fetch(feedUrl, { credentials: 'same-origin' }).catch(() => null) };
}
(window as unknown as { __spEarly: Early }).__spEarly = early;
import('./app');
