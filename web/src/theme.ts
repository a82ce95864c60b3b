// Light/dark follows the system unless the user picked one (kept in localStorage as "theme":
// a display preference, never a credential).
export type Theme = 'system' | 'light' | 'dark';

export function storedTheme(): Theme {
  try {
    const t = localStorage.getItem('theme');
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(t: Theme) {
  const root = document.documentElement;
  if (t === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', t);
  try {
    if (t === 'system') localStorage.removeItem('theme');
    else localStorage.setItem('theme', t);
  } catch {
    /* storage disabled: the choice lasts this page */
  }
}
