// Upload: drag and drop (or choose) several images; each uploads with its own progress bar
// (XHR), then its processing state and the generation metadata read from the file
// (GET /v1/media/{id} `metadata`) fill an editable form; publish creates the post.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, refresh, session } from '../api/client';
import type { GenerationParams, Media, Post } from '../api/types';
import { FormError, problemText } from '../components/form';
import { Empty } from '../components/states';
import { useSession, useTitle } from '../hooks';
import { navigate } from '../router';

type Form = {
  title: string;
  prompt: string;
  negativePrompt: string;
  tags: string;
  visibility: 'public' | 'unlisted' | 'private' | 'draft';
  contentRating: 'none' | 'soft' | 'mature' | 'explicit';
  hideParams: boolean;
  params: GenerationParams;
};

type Item = {
  key: number;
  file: File;
  progress: number; // 0..1 of the upload
  media?: Media;
  error?: string;
  form: Form;
  filled: boolean;
  published?: Post;
  publishError?: unknown;
};

const FINAL = ['ready', 'failed', 'rejected'];

function send(file: File, onProgress: (f: number) => void): Promise<{ id: string; status: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/media/uploads');
    if (session.token) xhr.setRequestHeader('authorization', `Bearer ${session.token}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { id?: string; status?: string; detail?: string; title?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.id) resolve(body as { id: string; status: string });
      else reject(Object.assign(new Error(body.detail || body.title || `upload failed (${xhr.status})`), { status: xhr.status }));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted. Check your connection.'));
    xhr.send(file);
  });
}

function titleFrom(prompt: string | undefined, fileName: string) {
  const words = (prompt ?? '').replace(/[()[\]{}<>:]/g, ' ').split(/[\s,]+/).filter(Boolean).slice(0, 8).join(' ');
  return (words || fileName.replace(/\.[^.]+$/, '')).slice(0, 120);
}

function formFromMetadata(meta: Record<string, unknown>, file: File, current: Form): Form {
  const { prompt, negativePrompt, raw: _raw, ...params } = meta as { prompt?: string; negativePrompt?: string; raw?: unknown } & GenerationParams;
  return {
    ...current,
    title: current.title || titleFrom(prompt, file.name),
    prompt: current.prompt || prompt || '',
    negativePrompt: current.negativePrompt || negativePrompt || '',
    params: { ...params, ...current.params },
  };
}

const emptyForm = (): Form => ({ title: '', prompt: '', negativePrompt: '', tags: '', visibility: 'public', contentRating: 'none', hideParams: false, params: {} });

function numberOrNull(v: string) {
  if (v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function ItemForm({ item, update, remixOf }: { item: Item; update: (f: (i: Item) => Item) => void; remixOf: string | null }) {
  const f = item.form;
  const set = (patch: Partial<Form>) => update((i) => ({ ...i, form: { ...i.form, ...patch } }));
  const setParam = (patch: Partial<GenerationParams>) => set({ params: { ...f.params, ...patch } });
  const id = (n: string) => `u${item.key}-${n}`;
  const status = item.media?.status ?? (item.progress < 1 ? 'uploading' : 'processing');
  const publish = async () => {
    try {
      const tags = f.tags.split(',').map((t) => t.trim()).filter(Boolean);
      const params = Object.fromEntries(Object.entries(f.params).filter(([, v]) => v !== null && v !== undefined && v !== ''));
      const body: Record<string, unknown> = {
        title: f.title,
        prompt: f.prompt,
        visibility: f.visibility,
        contentRating: f.contentRating,
        hideParams: f.hideParams,
        images: [item.media!.id],
        tags,
        params,
      };
      if (f.negativePrompt) body.negativePrompt = f.negativePrompt;
      if (remixOf) body.remixOf = remixOf;
      const post = await api<Post>('/v1/gallery/posts', { method: 'POST', json: body });
      update((i) => ({ ...i, published: post, publishError: undefined }));
    } catch (e) {
      update((i) => ({ ...i, publishError: e }));
    }
  };
  return (
    <li class="upload-item" data-testid="upload-item">
      <strong>{item.file.name}</strong>
      <progress max={1} value={item.progress} aria-label={`Upload of ${item.file.name}`} />
      <p class="muted" role="status" data-testid="upload-status">
        {item.error ? '' : status === 'ready' ? 'Processed' : status === 'failed' || status === 'rejected' ? '' : status === 'uploading' ? `Uploading ${Math.round(item.progress * 100)}%` : 'Processing…'}
        {item.media?.moderation?.outcome === 'needs_review' && ' · waiting for a moderator'}
      </p>
      {item.error && <p class="notice error">{item.error}</p>}
      {item.media?.duplicates && item.media.duplicates.length > 0 && (
        <p class="notice" data-testid="near-duplicates">
          This looks like {item.media.duplicates.length === 1 ? 'an image' : `${item.media.duplicates.length} images`} you uploaded before (near-duplicate).
        </p>
      )}
      {(item.media?.status === 'failed' || item.media?.status === 'rejected') && (
        <p class="notice error">
          {item.media.status === 'rejected' ? 'Rejected' : 'Failed'}: {item.media.reason ?? 'no reason given'}
        </p>
      )}
      {item.published ? (
        <p class="notice ok">
          Published: <a href={`/p/${item.published.id}`}>{item.published.title}</a>
        </p>
      ) : (
        item.media &&
        item.media.status !== 'failed' &&
        item.media.status !== 'rejected' && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void publish();
            }}
          >
            {item.filled && <p class="muted">Filled in from the file's generation metadata ({String(item.media.metadata?.tool ?? 'unknown')}). Edit anything before publishing.</p>}
            <label for={id('title')}>Title</label>
            <input id={id('title')} name="title" required maxLength={200} value={f.title} onInput={(e) => set({ title: e.currentTarget.value })} />
            <label for={id('prompt')}>Prompt</label>
            <textarea id={id('prompt')} name="prompt" required value={f.prompt} onInput={(e) => set({ prompt: e.currentTarget.value })} />
            <label for={id('negative')}>Negative prompt</label>
            <textarea id={id('negative')} name="negativePrompt" value={f.negativePrompt} onInput={(e) => set({ negativePrompt: e.currentTarget.value })} />
            <div class="row3">
              <div>
                <label for={id('model')}>Model</label>
                <input id={id('model')} name="model" value={f.params.model?.name ?? ''} onInput={(e) => setParam({ model: { ...f.params.model, name: e.currentTarget.value || null } })} />
              </div>
              <div>
                <label for={id('sampler')}>Sampler</label>
                <input id={id('sampler')} name="sampler" value={f.params.sampler ?? ''} onInput={(e) => setParam({ sampler: e.currentTarget.value || null })} />
              </div>
              <div>
                <label for={id('steps')}>Steps</label>
                <input id={id('steps')} name="steps" inputMode="numeric" value={f.params.steps ?? ''} onInput={(e) => setParam({ steps: numberOrNull(e.currentTarget.value) })} />
              </div>
              <div>
                <label for={id('cfg')}>CFG scale</label>
                <input id={id('cfg')} name="cfg" inputMode="decimal" value={f.params.cfg ?? ''} onInput={(e) => setParam({ cfg: numberOrNull(e.currentTarget.value) })} />
              </div>
              <div>
                <label for={id('seed')}>Seed</label>
                <input id={id('seed')} name="seed" inputMode="numeric" value={f.params.seed ?? ''} onInput={(e) => setParam({ seed: numberOrNull(e.currentTarget.value) })} />
              </div>
              <div>
                <label for={id('size')}>Size</label>
                <input id={id('size')} name="size" readOnly value={f.params.width && f.params.height ? `${f.params.width}×${f.params.height}` : ''} />
              </div>
            </div>
            <label for={id('tags')}>Tags (comma separated)</label>
            <input id={id('tags')} name="tags" value={f.tags} onInput={(e) => set({ tags: e.currentTarget.value })} />
            <div class="row">
              <div>
                <label for={id('visibility')}>Visibility</label>
                <select id={id('visibility')} value={f.visibility} onChange={(e) => set({ visibility: e.currentTarget.value as Form['visibility'] })}>
                  <option value="public">Public</option>
                  <option value="unlisted">Unlisted</option>
                  <option value="private">Private</option>
                  <option value="draft">Draft</option>
                </select>
              </div>
              <div>
                <label for={id('rating')}>Content rating</label>
                <select id={id('rating')} value={f.contentRating} onChange={(e) => set({ contentRating: e.currentTarget.value as Form['contentRating'] })}>
                  <option value="none">None</option>
                  <option value="soft">Soft</option>
                  <option value="mature">Mature</option>
                  <option value="explicit">Explicit</option>
                </select>
              </div>
            </div>
            <p>
              <label class="inline">
                <input type="checkbox" checked={f.hideParams} onChange={(e) => set({ hideParams: e.currentTarget.checked })} /> Keep the parameters private
              </label>
            </p>
            <FormError error={item.publishError} />
            <button class="primary" type="submit" data-testid="publish">
              Publish
            </button>
          </form>
        )
      )}
    </li>
  );
}

export default function UploadPage({ search }: { search: string }) {
  useTitle('Upload');
  const s = useSession();
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const counter = useRef(0);
  const remixOf = new URLSearchParams(search).get('remixOf');
  const update = (key: number) => (f: (i: Item) => Item) => setItems((all) => all.map((i) => (i.key === key ? f(i) : i)));

  const start = async (file: File) => {
    const key = ++counter.current;
    setItems((all) => [...all, { key, file, progress: 0, form: emptyForm(), filled: false }]);
    const u = update(key);
    try {
      let sent;
      try {
        sent = await send(file, (p) => u((i) => ({ ...i, progress: p })));
      } catch (e) {
        if ((e as { status?: number }).status !== 401 || !(await refresh())) throw e;
        sent = await send(file, (p) => u((i) => ({ ...i, progress: p })));
      }
      u((i) => ({ ...i, progress: 1 }));
      // Processing is asynchronous: follow the media until it is final.
      for (let attempt = 0; attempt < 240; attempt++) {
        const media = await api<Media>(`/v1/media/${sent.id}`);
        const meta = (media.metadata ?? {}) as Record<string, unknown>;
        const hasMeta = Object.keys(meta).some((k) => k !== 'tool');
        u((i) => ({ ...i, media, form: hasMeta && !i.filled ? formFromMetadata(meta, file, i.form) : i.form, filled: i.filled || hasMeta }));
        if (FINAL.includes(media.status)) {
          if (!hasMeta) u((i) => ({ ...i, form: { ...i.form, title: i.form.title || titleFrom('', file.name) } }));
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(250 * (attempt + 1), 2000)));
      }
    } catch (e) {
      u((i) => ({ ...i, error: problemText(e) }));
    }
  };

  useEffect(() => {
    if (s.resolved && !s.user) navigate('/login?next=/upload', true);
  }, [s.resolved, s.user]);
  if (!s.user) return null;
  const addFiles = (files: FileList | null) => {
    for (const f of Array.from(files ?? [])) void start(f);
  };
  return (
    <section class="medium">
      <h1>Upload</h1>
      {remixOf && (
        <p class="notice">
          Remixing <a href={`/p/${remixOf}`}>a post</a>: your posts will link to it.
        </p>
      )}
      <div
        class={over ? 'drop over' : 'drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          addFiles(e.dataTransfer?.files ?? null);
        }}
      >
        <p>Drop PNG, JPEG, WebP or AVIF images here (up to 25 MB each)</p>
        <label class="button primary" for="files">
          Choose files
        </label>
        <input id="files" class="visually-hidden" type="file" accept="image/png,image/jpeg,image/webp,image/avif" multiple onChange={(e) => addFiles(e.currentTarget.files)} data-testid="file-input" />
      </div>
      {items.length === 0 ? (
        <Empty title="Nothing uploaded yet">
          <p>The prompt and parameters saved in your images fill the form by themselves.</p>
        </Empty>
      ) : (
        <ul class="uploads">
          {items.map((i) => (
            <ItemForm key={i.key} item={i} update={update(i.key)} remixOf={remixOf} />
          ))}
        </ul>
      )}
      {items.some((i) => i.published) && (
        <p>
          <button type="button" onClick={() => navigate('/?sort=new')}>
            See the newest posts
          </button>
        </p>
      )}
    </section>
  );
}
