// A tiny client router: the current location as state, links intercepted, history driven.
import { useEffect, useState } from 'preact/hooks';

type Loc = { path: string; search: string };
const listeners = new Set<(l: Loc) => void>();
const current = (): Loc => ({ path: location.pathname, search: location.search });

export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  const l = current();
  for (const fn of listeners) fn(l);
  if (!replace) window.scrollTo(0, 0);
}

addEventListener('popstate', () => {
  const l = current();
  for (const fn of listeners) fn(l);
});

// Same-origin <a href> clicks navigate in place (modifier keys and targets keep browser behaviour).
addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element).closest?.('a');
  if (!a || a.target || a.hasAttribute('download') || a.origin !== location.origin) return;
  if (a.pathname.startsWith('/v1/') || a.pathname.startsWith('/media/')) return;
  e.preventDefault();
  navigate(a.pathname + a.search + a.hash);
});

export function useLocation(): Loc {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    listeners.add(setLoc);
    return () => void listeners.delete(setLoc);
  }, []);
  return loc;
}

// "/p/:id" against "/p/123" -> {id: "123"}; null when it does not match.
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split('/').filter(Boolean);
  const xs = path.split('/').filter(Boolean);
  if (ps.length !== xs.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].startsWith(':')) out[ps[i].slice(1)] = decodeURIComponent(xs[i]);
    else if (ps[i] !== xs[i]) return null;
  }
  return out;
}
