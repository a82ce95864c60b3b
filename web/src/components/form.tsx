// Form helpers: a labelled field with its problem+json field error.
import type { JSX } from 'preact';
import { ApiError } from '../api/client';

export function Field({ id, label, error, ...input }: { id: string; label: string; error?: string } & JSX.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <>
      <label for={id}>{label}</label>
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...input} />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

export function problemText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429) return 'Too many attempts. Wait a moment and try again.';
    return e.message;
  }
  return 'The server could not be reached. Check your connection.';
}

export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p class="notice error" role="alert">
      {problemText(error)}
    </p>
  );
}
