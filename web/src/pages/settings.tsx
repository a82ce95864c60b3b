// Settings: profile, content and notification preferences, sessions, API keys, password, delete
// account. Each section reads and writes the real routes.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, forgetSession } from '../api/client';
import type { ApiKey, Preferences, Profile, Session } from '../api/types';
import { Field, FormError } from '../components/form';
import { Empty, Failure, Loading } from '../components/states';
import { useLoad, useSession, useTitle } from '../hooks';
import { navigate } from '../router';
import { AvatarField } from './settings-avatar';

const SECTIONS: [string, string][] = [
  ['profile', 'Profile'],
  ['preferences', 'Content'],
  ['notifications', 'Notifications'],
  ['sessions', 'Sessions'],
  ['api-keys', 'API keys'],
  ['password', 'Password'],
  ['delete', 'Delete account'],
];

function Saved({ ok }: { ok: boolean }) {
  return ok ? (
    <p class="notice ok" role="status">
      Saved.
    </p>
  ) : null;
}

function ProfileSection() {
  const r = useLoad(() => api<Profile>('/v1/profiles/me'), []);
  const [current, setCurrent] = useState<Profile | null>(null);
  const [form, setForm] = useState<{ displayName: string; bio: string; links: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ok, setOk] = useState(false);
  useEffect(() => {
    if (r.data) setForm({ displayName: r.data.displayName, bio: r.data.bio, links: r.data.links.join('\n') });
  }, [r.data]);
  if (r.error) return <Failure error={r.error} retry={r.reload} />;
  if (!form || !r.data) return <Loading />;
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <>
    <AvatarField profile={current ?? r.data} changed={setCurrent} />
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setOk(false);
        try {
          await api('/v1/profiles/me', { method: 'PATCH', json: { displayName: form.displayName, bio: form.bio, links: form.links.split(/\s+/).filter(Boolean) } });
          setOk(true);
          setError(null);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <FormError error={error} />
      <Field id="displayName" label="Display name" maxLength={50} value={form.displayName} error={fields.displayName} onInput={(e) => setForm({ ...form, displayName: e.currentTarget.value })} />
      <label for="bio">Bio</label>
      <textarea id="bio" maxLength={500} value={form.bio} onInput={(e) => setForm({ ...form, bio: e.currentTarget.value })} />
      {fields.bio && <p class="field-error">{fields.bio}</p>}
      <label for="links">Links (one per line, up to 5)</label>
      <textarea id="links" value={form.links} onInput={(e) => setForm({ ...form, links: e.currentTarget.value })} />
      {fields.links && <p class="field-error">{fields.links}</p>}
      <Saved ok={ok} />
      <p>
        <button class="primary" type="submit">
          Save
        </button>
      </p>
    </form>
    </>
  );
}

const CATEGORIES = ['follows', 'likes', 'comments', 'mentions', 'remixes', 'digest', 'product'];

function PreferencesSection({ notifications }: { notifications: boolean }) {
  const r = useLoad(() => api<Preferences>('/v1/profiles/me/preferences'), []);
  const [p, setP] = useState<Preferences | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ok, setOk] = useState(false);
  useEffect(() => r.data && setP(r.data), [r.data]);
  if (r.error) return <Failure error={r.error} retry={r.reload} />;
  if (!p) return <Loading />;
  const save = async (patch: Partial<Preferences>) => {
    setOk(false);
    try {
      setP(await api<Preferences>('/v1/profiles/me/preferences', { method: 'PATCH', json: patch }));
      setOk(true);
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  if (notifications) {
    return (
      <div>
        <FormError error={error} />
        <table class="params">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">In the app</th>
              <th scope="col">Email</th>
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map((c) => {
              const ch = p.notifications?.[c] ?? { inApp: true, email: false };
              return (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  {(['inApp', 'email'] as const).map((k) => (
                    <td key={k}>
                      <input type="checkbox" aria-label={`${c}: ${k === 'inApp' ? 'in the app' : 'email'}`} checked={!!ch[k]} onChange={(e) => void save({ notifications: { [c]: { [k]: e.currentTarget.checked } } as Preferences['notifications'] })} />
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        <label for="digest">Email digest</label>
        <select id="digest" value={p.digest} onChange={(e) => void save({ digest: e.currentTarget.value as Preferences['digest'] })}>
          <option value="off">Off</option>
          <option value="daily">Daily</option>
          <option value="weekly">Weekly</option>
        </select>
        <Saved ok={ok} />
      </div>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save({ contentRating: p.contentRating, explicitOptIn: p.explicitOptIn, hiddenTags: p.hiddenTags, hiddenCreators: p.hiddenCreators, timezone: p.timezone });
      }}
    >
      <FormError error={error} />
      <label for="rating">Show content rated up to</label>
      <select id="rating" value={p.contentRating} onChange={(e) => setP({ ...p, contentRating: e.currentTarget.value as Preferences['contentRating'] })}>
        <option value="none">None (safe)</option>
        <option value="soft">Soft</option>
        <option value="mature">Mature</option>
        <option value="explicit">Explicit</option>
      </select>
      <p>
        <label class="inline">
          <input type="checkbox" checked={!!p.explicitOptIn} onChange={(e) => setP({ ...p, explicitOptIn: e.currentTarget.checked })} /> I am an adult and want to see explicit content
        </label>
      </p>
      <label for="hiddenTags">Hidden tags (comma separated)</label>
      <input id="hiddenTags" value={(p.hiddenTags ?? []).join(', ')} onChange={(e) => setP({ ...p, hiddenTags: e.currentTarget.value.split(',').map((t) => t.trim()).filter(Boolean) })} />
      <label for="hiddenCreators">Hidden creators (handles, comma separated)</label>
      <input id="hiddenCreators" value={(p.hiddenCreators ?? []).join(', ')} onChange={(e) => setP({ ...p, hiddenCreators: e.currentTarget.value.split(',').map((t) => t.trim().replace(/^@/, '')).filter(Boolean) })} />
      <label for="timezone">Time zone</label>
      <input id="timezone" value={p.timezone} onChange={(e) => setP({ ...p, timezone: e.currentTarget.value })} />
      <Saved ok={ok} />
      <p>
        <button class="primary" type="submit">
          Save
        </button>
      </p>
    </form>
  );
}

function SessionsSection() {
  const r = useLoad(() => api<{ items: Session[] }>('/v1/auth/sessions'), []);
  const [error, setError] = useState<unknown>(null);
  if (r.error) return <Failure error={r.error} retry={r.reload} />;
  if (!r.data) return <Loading />;
  return (
    <>
      <FormError error={error} />
      <ul class="list">
        {r.data.items.map((x) => (
          <li key={x.id}>
            <span>
              {x.userAgent || 'Unknown device'} <span class="muted">· {x.address} · last used {x.lastUsedAt ? new Date(x.lastUsedAt).toLocaleString() : '—'}</span>
              {x.current && <strong> (this device)</strong>}
            </span>
            {!x.current && (
              <button type="button" onClick={() => api(`/v1/auth/sessions/${x.id}`, { method: 'DELETE' }).then(r.reload, setError)}>
                End
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" class="danger" onClick={() => api('/v1/auth/sessions', { method: 'DELETE' }).then(() => { forgetSession(); navigate('/login'); }, setError)}>
        Log out everywhere
      </button>
    </>
  );
}

const SCOPES = ['profile:write', 'gallery:write', 'media:write'];

function ApiKeysSection() {
  const r = useLoad(() => api<{ items: ApiKey[] }>('/v1/auth/api-keys'), []);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>(['gallery:write']);
  const [created, setCreated] = useState<ApiKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (r.error) return <Failure error={r.error} retry={r.reload} />;
  if (!r.data) return <Loading />;
  const active = r.data.items.filter((k) => !k.revokedAt);
  return (
    <>
      {created && (
        <div class="notice ok" role="status">
          <p>Your new key (shown once, copy it now):</p>
          <code class="key">{created.key}</code>
        </div>
      )}
      <FormError error={error} />
      {active.length === 0 ? (
        <p class="muted">No API keys.</p>
      ) : (
        <ul class="list">
          {active.map((k) => (
            <li key={k.id}>
              <span>
                <strong>{k.name}</strong> <code>{k.prefix}…</code> <span class="muted">{k.scopes?.join(' ')} · last used {k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleDateString() : 'never'}</span>
              </span>
              <button type="button" class="danger" onClick={() => api(`/v1/auth/api-keys/${k.id}`, { method: 'DELETE' }).then(r.reload, setError)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            setCreated(await api<ApiKey>('/v1/auth/api-keys', { method: 'POST', json: { name, scopes } }));
            setName('');
            setError(null);
            r.reload();
          } catch (err) {
            setError(err);
          }
        }}
      >
        <h2>New key</h2>
        <Field id="key-name" label="Name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((s) => (
            <label class="inline" key={s}>
              <input type="checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes(e.currentTarget.checked ? [...scopes, s] : scopes.filter((x) => x !== s))} /> {s}
            </label>
          ))}
        </fieldset>
        <p>
          <button class="primary" type="submit">
            Create the key
          </button>
        </p>
      </form>
    </>
  );
}

function PasswordSection() {
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const [error, setError] = useState<unknown>(null);
  const [ok, setOk] = useState(false);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await api('/v1/auth/password/change', { method: 'POST', json: form });
          setOk(true);
          setError(null);
          setForm({ currentPassword: '', newPassword: '' });
        } catch (err) {
          setError(err);
        }
      }}
    >
      <FormError error={error} />
      <Field id="currentPassword" label="Current password" type="password" autoComplete="current-password" required value={form.currentPassword} error={fields.currentPassword} onInput={(e) => setForm({ ...form, currentPassword: e.currentTarget.value })} />
      <Field id="newPassword" label="New password" type="password" autoComplete="new-password" minLength={10} required value={form.newPassword} error={fields.newPassword} onInput={(e) => setForm({ ...form, newPassword: e.currentTarget.value })} />
      {ok && <p class="notice ok">Your password changed; other sessions and API keys were ended.</p>}
      <p>
        <button class="primary" type="submit">
          Change the password
        </button>
      </p>
    </form>
  );
}

function DeleteSection() {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (!confirm('Delete your account and everything in it? This cannot be undone.')) return;
        try {
          await api('/v1/auth/account/delete', { method: 'POST', json: { currentPassword: password } });
          forgetSession();
          navigate('/');
        } catch (err) {
          setError(err);
        }
      }}
    >
      <p>Your posts, comments, likes, collections and profile are removed. Your handle stays reserved.</p>
      <FormError error={error} />
      <Field id="delete-password" label="Current password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      <p>
        <button class="danger" type="submit">
          Delete my account
        </button>
      </p>
    </form>
  );
}

export default function SettingsPage({ params }: { params: Record<string, string> }) {
  const s = useSession();
  const section = params.section ?? 'profile';
  useTitle('Settings');
  useEffect(() => {
    if (s.resolved && !s.user) navigate('/login?next=/settings', true);
  }, [s.resolved, s.user]);
  if (!s.user) return null;
  const body =
    section === 'profile' ? <ProfileSection /> :
    section === 'preferences' ? <PreferencesSection notifications={false} /> :
    section === 'notifications' ? <PreferencesSection notifications /> :
    section === 'sessions' ? <SessionsSection /> :
    section === 'api-keys' ? <ApiKeysSection /> :
    section === 'password' ? <PasswordSection /> :
    section === 'delete' ? <DeleteSection /> : <Empty title="No such settings page" />;
  return (
    <section class="settings">
      <nav aria-label="Settings sections">
        {SECTIONS.map(([k, label]) => (
          <a key={k} href={k === 'profile' ? '/settings' : `/settings/${k}`} class={k === section ? 'active' : ''} aria-current={k === section ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <div>
        <h1>{SECTIONS.find(([k]) => k === section)?.[1] ?? 'Settings'}</h1>
        {body}
      </div>
    </section>
  );
}
