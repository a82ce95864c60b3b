import { useEffect, useState } from 'preact/hooks';
import { session } from './api/client';

export function useSession() {
  const [seen, setSeen] = useState(session.version);
  useEffect(() => {
    const unsubscribe = session.subscribe(() => setSeen(session.version));
    // A change between this component's render and this effect would otherwise be missed.
    if (session.version !== seen) setSeen(session.version);
    return () => void unsubscribe();
  }, []);
  return session;
}

export type Load<T> = { data?: T; error?: Error & { status?: number }; loading: boolean };

// Runs `fn` when `deps` change; the latest answer wins.
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): Load<T> & { reload: () => void } {
  const [state, setState] = useState<Load<T>>({ loading: true });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    fn().then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...deps, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}

export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · StrangePrompt` : 'StrangePrompt';
  }, [title]);
}
