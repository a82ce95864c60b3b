import type { ComponentChildren } from 'preact';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="state" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state empty">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function Failure({ error, retry }: { error: unknown; retry?: () => void }) {
  const e = error as { status?: number; message?: string };
  const notFound = e?.status === 404;
  return (
    <div class="state error" role="alert">
      <h2>{notFound ? 'Not found' : 'Something went wrong'}</h2>
      <p>{notFound ? 'It does not exist, or you cannot see it.' : e?.message || 'The request failed.'}</p>
      {retry && !notFound && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
