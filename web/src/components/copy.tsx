import { useState } from 'preact/hooks';

export function CopyButton({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const [done, setDone] = useState<'idle' | 'ok' | 'fail'>('idle');
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setDone('ok');
        } catch {
          setDone('fail');
        }
        setTimeout(() => setDone('idle'), 2000);
      }}
    >
      {done === 'ok' ? 'Copied' : done === 'fail' ? 'Copy failed' : label}
      <span class="visually-hidden" aria-live="polite">
        {done === 'ok' ? 'Copied to the clipboard' : ''}
      </span>
    </button>
  );
}
