// The app shell: header (navigation, search, bell, account menu, theme), the routes (every page
// but the home feed is loaded on demand) and the session's first refresh.
performance.mark('sp-app-start');
import { render, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { logout, refresh } from './api/client';
import { Bell } from './components/bell';
import { Failure, Loading } from './components/states';
import { useSession } from './hooks';
import Home from './pages/home';
import { matchPath, navigate, useLocation } from './router';
import { applyTheme, storedTheme, type Theme } from './theme';
import './styles.css';

type PageProps = { params: Record<string, string>; search: string; path: string };
type Loader = () => Promise<{ default: ComponentType<PageProps> }>;

const routes: [string, Loader][] = [
  ['/p/:id', () => import('./pages/post')],
  ['/search', () => import('./pages/search')],
  ['/upload', () => import('./pages/upload')],
  ['/u/:handle', () => import('./pages/profile')],
  ['/u/:handle/:list', () => import('./pages/profile')],
  ['/c/:id', () => import('./pages/collection')],
  ['/settings', () => import('./pages/settings')],
  ['/settings/:section', () => import('./pages/settings')],
  ['/dashboard', () => import('./pages/dashboard')],
  ['/notifications', () => import('./pages/notifications')],
  ['/login', () => import('./pages/account')],
  ['/signup', () => import('./pages/account')],
  ['/forgot', () => import('./pages/account')],
  ['/reset', () => import('./pages/account')],
  ['/verify', () => import('./pages/account')],
];

const loaded = new Map<Loader, ComponentType<PageProps>>();

function Lazy({ loader, ...props }: PageProps & { loader: Loader }) {
  const [, setTick] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const Page = loaded.get(loader);
  useEffect(() => {
    if (Page) return;
    setError(null);
    loader().then(
      (m) => {
        loaded.set(loader, m.default);
        setTick((t) => t + 1);
      },
      setError,
    );
  }, [loader]);
  if (error) return <Failure error={{ message: 'This page could not be loaded. Check your connection.' }} retry={() => location.reload()} />;
  if (!Page) return <Loading />;
  return <Page {...props} />;
}

function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const next: Record<Theme, Theme> = { system: 'light', light: 'dark', dark: 'system' };
  return (
    <button
      type="button"
      class="icon-button"
      onClick={() => {
        const t = next[theme];
        applyTheme(t);
        setTheme(t);
      }}
      aria-label={`Theme: ${theme}. Switch to ${next[theme]}`}
      title={`Theme: ${theme}`}
    >
      {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}
    </button>
  );
}

function Header({ path }: { path: string }) {
  const s = useSession();
  const [q, setQ] = useState('');
  const [menu, setMenu] = useState(false);
  useEffect(() => setMenu(false), [path]);
  useEffect(() => {
    if (!menu) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenu(false);
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [menu]);
  return (
    <header class="top">
      <a href="/" class="logo" aria-label="StrangePrompt home">
        <span aria-hidden="true">◆</span> <span class="logo-text">StrangePrompt</span>
      </a>
      <form
        role="search"
        class="top-search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/search?q=${encodeURIComponent(q)}`);
        }}
      >
        <input type="search" name="q" placeholder="Search prompts, tags, models" aria-label="Search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </form>
      <nav class="top-nav" aria-label="Account">
        <ThemeSwitch />
        {s.user ? (
          <>
            <a href="/upload" class="button primary">
              Upload
            </a>
            <Bell />
            <div class="menu">
              <button type="button" class="icon-button avatar-button" aria-expanded={menu} aria-haspopup="true" onClick={() => setMenu(!menu)} aria-label={`Account menu for @${s.user.handle}`}>
                {s.user.handle.slice(0, 1).toUpperCase()}
              </button>
              {menu && (
                <div class="menu-list">
                  <a href={`/u/${s.user.handle}`}>Profile</a>
                  <a href="/dashboard">Dashboard</a>
                  <a href="/settings">Settings</a>
                  <button
                    type="button"
                    onClick={async () => {
                      await logout();
                      navigate('/');
                    }}
                  >
                    Log out
                  </button>
                </div>
              )}
            </div>
          </>
        ) : s.resolved ? (
          <>
            <a href="/login">Log in</a>
            <a href="/signup" class="button primary">
              Sign up
            </a>
          </>
        ) : null}
      </nav>
    </header>
  );
}

function App() {
  const { path, search } = useLocation();
  let page = null;
  if (path === '/') page = <Home search={search} />;
  else {
    for (const [pattern, loader] of routes) {
      const params = matchPath(pattern, path);
      if (params) {
        page = <Lazy key={pattern} loader={loader} params={params} search={search} path={path} />;
        break;
      }
    }
  }
  return (
    <>
      <a href="#main" class="skip">
        Skip to content
      </a>
      <Header path={path} />
      <main id="main" tabIndex={-1}>
        {page ?? <Failure error={{ status: 404 }} />}
      </main>
    </>
  );
}

applyTheme(storedTheme());
const early = (window as unknown as { __spEarly?: { refresh: Promise<Response | null> } }).__spEarly;
void refresh(early?.refresh);
render(<App />, document.getElementById('app')!);
