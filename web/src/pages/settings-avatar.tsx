// Settings → Profile → avatar: upload an image (POST /v1/media/uploads), wait until the media
// service processed and approved it, then name it as the avatar (PATCH /v1/profiles/me). The
// profile service learns of the processed image from an event, so that last step is retried
// briefly. "Remove" clears it.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import type { Media, Profile } from '../api/types';
import { Avatar } from '../components/avatar';
import { problemText } from '../components/form';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function processed(id: string): Promise<Media> {
  for (let attempt = 0; attempt < 240; attempt++) {
    const media = await api<Media>(`/v1/media/${id}`);
    if (media.status !== 'pending' && media.status !== 'processing') return media;
    await pause(Math.min(250 * (attempt + 1), 1000));
  }
  throw new Error('The image is still being processed. Try again in a minute.');
}

async function wear(id: string): Promise<Profile> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api<Profile>('/v1/profiles/me', { method: 'PATCH', json: { avatar: id } });
    } catch (e) {
      if (attempt >= 20 || !(e instanceof ApiError && e.status === 400)) throw e;
      await pause(500);
    }
  }
}

export function AvatarField({ profile, changed }: { profile: Profile; changed: (p: Profile) => void }) {
  const [busy, setBusy] = useState('');
  const [failure, setFailure] = useState('');
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setFailure('');
    try {
      setBusy('Uploading…');
      const up = await api<{ id: string }>('/v1/media/uploads', { method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' } });
      setBusy('Processing…');
      const media = await processed(up.id);
      if (media.status !== 'ready') throw new Error(media.reason || `The image could not be used (${media.status}).`);
      const outcome = media.moderation?.outcome;
      if (outcome && outcome !== 'approved') throw new Error(outcome === 'needs_review' ? 'The image is waiting for review; it can become your avatar once approved.' : media.moderation?.reason || 'The image was rejected.');
      changed(await wear(up.id));
    } catch (e) {
      setFailure(e instanceof ApiError ? problemText(e) : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy('');
    }
  };
  const remove = async () => {
    setFailure('');
    try {
      changed(await api<Profile>('/v1/profiles/me', { method: 'PATCH', json: { avatar: null } }));
    } catch (e) {
      setFailure(problemText(e));
    }
  };
  return (
    <div class="avatar-field">
      <Avatar url={profile.avatarUrl} name={profile.displayName} />
      <div>
        <label for="avatar-file">Avatar (PNG, JPEG, WebP or AVIF)</label>
        <input id="avatar-file" type="file" accept="image/png,image/jpeg,image/webp,image/avif" disabled={!!busy} onChange={(e) => void choose(e.currentTarget.files?.[0])} />
        {profile.avatar && (
          <button type="button" onClick={() => void remove()} disabled={!!busy}>
            Remove avatar
          </button>
        )}
        {busy && (
          <p class="muted" role="status">
            {busy}
          </p>
        )}
        {failure && (
          <p class="notice error" role="alert">
            {failure}
          </p>
        )}
      </div>
    </div>
  );
}
