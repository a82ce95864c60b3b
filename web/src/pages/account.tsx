// Sign-up, log-in, forgot password, reset password (?token=) and email verification (?token=).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, login, session, signup } from '../api/client';
import { Field, FormError } from '../components/form';
import { useTitle } from '../hooks';
import { navigate } from '../router';

function next(search: string) {
  const n = new URLSearchParams(search).get('next');
  return n && n.startsWith('/') && !n.startsWith('//') ? n : '/';
}

function Login({ search }: { search: string }) {
  useTitle('Log in');
  const [form, setForm] = useState({ login: '', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="narrow"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          await login(form.login, form.password);
          navigate(next(search), true);
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1>Log in</h1>
      <FormError error={error} />
      <Field id="login" label="Email or handle" autoComplete="username" required value={form.login} onInput={(e) => setForm({ ...form, login: e.currentTarget.value })} />
      <Field id="password" label="Password" type="password" autoComplete="current-password" required value={form.password} onInput={(e) => setForm({ ...form, password: e.currentTarget.value })} />
      <p>
        <button class="primary" type="submit" disabled={busy}>
          Log in
        </button>
      </p>
      <p>
        <a href="/forgot">Forgot your password?</a> · <a href="/signup">Create an account</a>
      </p>
    </form>
  );
}

function Signup({ search }: { search: string }) {
  useTitle('Sign up');
  const [form, setForm] = useState({ email: '', handle: '', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return (
    <form
      class="narrow"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          await signup(form.email, form.handle, form.password);
          navigate(next(search), true);
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1>Create your account</h1>
      <FormError error={error} />
      <Field id="email" label="Email" type="email" autoComplete="email" required value={form.email} error={fields.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />
      <Field id="handle" label="Handle (3–30 letters, digits or _)" autoComplete="username" required pattern="[A-Za-z0-9_]{3,30}" value={form.handle} error={fields.handle} onInput={(e) => setForm({ ...form, handle: e.currentTarget.value })} />
      <Field id="password" label="Password (at least 10 characters)" type="password" autoComplete="new-password" required minLength={10} value={form.password} error={fields.password} onInput={(e) => setForm({ ...form, password: e.currentTarget.value })} />
      <p>
        <button class="primary" type="submit" disabled={busy}>
          Sign up
        </button>
      </p>
      <p>
        Already have an account? <a href="/login">Log in</a>
      </p>
    </form>
  );
}

function Forgot() {
  useTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <form
      class="narrow"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await api('/v1/auth/password/forgot', { method: 'POST', json: { email } });
          setSent(true);
          setError(null);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h1>Forgot your password?</h1>
      {sent ? (
        <p class="notice ok" role="status">
          If an account uses that address, a reset link is on its way.
        </p>
      ) : (
        <>
          <FormError error={error} />
          <Field id="email" label="Email" type="email" autoComplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          <p>
            <button class="primary" type="submit">
              Send the reset link
            </button>
          </p>
        </>
      )}
    </form>
  );
}

function Reset({ search }: { search: string }) {
  useTitle('Reset password');
  const token = new URLSearchParams(search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!token) return <p class="notice error narrow">This reset link is incomplete. Ask for a new one on the <a href="/forgot">forgot password</a> page.</p>;
  return (
    <form
      class="narrow"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await api('/v1/auth/password/reset', { method: 'POST', json: { token, password } });
          setDone(true);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h1>Choose a new password</h1>
      {done ? (
        <p class="notice ok" role="status">
          Your password changed. <a href="/login">Log in</a>.
        </p>
      ) : (
        <>
          <FormError error={error} />
          <Field id="password" label="New password" type="password" autoComplete="new-password" minLength={10} required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          <p>
            <button class="primary" type="submit">
              Set the password
            </button>
          </p>
        </>
      )}
    </form>
  );
}

function Verify({ search }: { search: string }) {
  useTitle('Verify email');
  const token = new URLSearchParams(search).get('token') ?? '';
  const [state, setState] = useState<'working' | 'ok' | unknown>('working');
  useEffect(() => {
    if (!token) return setState(new ApiError(400, { detail: 'This verification link is incomplete.' }));
    api('/v1/auth/email/verify', { method: 'POST', json: { token } }).then(() => setState('ok'), setState);
  }, [token]);
  return (
    <div class="narrow">
      <h1>Verify your email</h1>
      {state === 'working' ? <p role="status">Checking the link…</p> : state === 'ok' ? <p class="notice ok">Your email is verified.</p> : <FormError error={state} />}
    </div>
  );
}

export default function AccountPage({ path, search }: { path: string; search: string }) {
  useEffect(() => {
    if ((path === '/login' || path === '/signup') && session.user) navigate(next(search), true);
  }, [path]);
  if (path === '/signup') return <Signup search={search} />;
  if (path === '/forgot') return <Forgot />;
  if (path === '/reset') return <Reset search={search} />;
  if (path === '/verify') return <Verify search={search} />;
  return <Login search={search} />;
}
