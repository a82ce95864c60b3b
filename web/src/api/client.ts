// The API client and the browser session. The access token lives in this module's memory only
// (never localStorage); the refresh token is the HttpOnly cookie the auth service sets, rotated
// by POST /v1/auth/refresh a minute before the access token expires and after a reload.
import type { SignedIn, User } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; errors?: { field?: string; message?: string }[] } | null,
  ) {
    super(problem?.detail || problem?.title || `request failed (${status})`);
  }
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem?.errors ?? []) if (e.field) out[e.field] = e.message ?? 'invalid';
    return out;
  }
}

type Listener = () => void;
let accessToken: string | null = null;
let currentUser: User | null = null;
let resolved = false; // the first refresh answered: we know whether someone is signed in
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<Listener>();
let version = 0; // bumped on every change, so a subscriber can tell it missed one

export const session = {
  get user() {
    return currentUser;
  },
  get resolved() {
    return resolved;
  },
  get token() {
    return accessToken;
  },
  get version() {
    return version;
  },
  subscribe(fn: Listener) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
};

function notify() {
  version++;
  for (const fn of listeners) fn();
}

export function adopt(signed: SignedIn) {
  accessToken = signed.accessToken;
  currentUser = signed.user;
  resolved = true;
  clearTimeout(refreshTimer);
  // Silent refresh a minute before expiry (at least 10 s from now).
  const lead = Math.max(10, signed.expiresIn - 60) * 1000;
  refreshTimer = setTimeout(() => void refresh(), lead);
  notify();
}

function signedOut() {
  accessToken = null;
  currentUser = null;
  resolved = true;
  clearTimeout(refreshTimer);
  notify();
}

async function takeRefresh(response: Response | null): Promise<boolean> {
  if (response && response.ok) {
    adopt((await response.json()) as SignedIn);
    return true;
  }
  if (!response || response.status === 401 || response.status === 403 || response.status === 400) signedOut();
  else resolved = true;
  notify();
  return false;
}

// One refresh at a time: a rotated refresh token presented twice would end the session.
export function refresh(first?: Promise<Response | null>): Promise<boolean> {
  if (!refreshing) {
    const request = first ?? fetch('/v1/auth/refresh', { method: 'POST', credentials: 'same-origin' }).catch(() => null);
    refreshing = request.then(takeRefresh).finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

export type RequestOptions = {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

async function problemOf(r: Response) {
  try {
    return await r.json();
  } catch {
    return null;
  }
}

export async function request(path: string, opts: RequestOptions = {}, retried = false): Promise<Response> {
  if (refreshing) await refreshing;
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  const r = await fetch(path, { method: opts.method ?? 'GET', headers, body, signal: opts.signal, credentials: 'same-origin' });
  if (r.status === 401 && accessToken && !retried) {
    if (await refresh()) return request(path, opts, true);
  }
  return r;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const r = await request(path, opts);
  if (!r.ok) throw new ApiError(r.status, await problemOf(r));
  if (r.status === 204) return undefined as T;
  const type = r.headers.get('content-type') ?? '';
  return (type.includes('json') ? await r.json() : await r.text()) as T;
}

export async function login(loginName: string, password: string) {
  adopt(await api<SignedIn>('/v1/auth/login', { method: 'POST', json: { login: loginName, password } }));
}

export async function signup(email: string, handle: string, password: string) {
  adopt(await api<SignedIn>('/v1/auth/signup', { method: 'POST', json: { email, handle, password } }));
}

export async function logout() {
  // A refresh in flight would set a new cookie after the logout cleared it.
  if (refreshing) await refreshing.catch(() => false);
  clearTimeout(refreshTimer);
  try {
    await fetch('/v1/auth/logout', { method: 'POST', credentials: 'same-origin' });
  } finally {
    signedOut();
  }
}

export function forgetSession() {
  signedOut();
}
