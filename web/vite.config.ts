import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

// The entry (boot.ts) is a few hundred bytes that starts the first API requests and then imports
// the app. This plugin adds <link rel="modulepreload"> for the app chunk (and its static imports)
// to index.html, so the browser downloads the app in parallel with those requests: no waterfall.
function preloadApp(): Plugin {
  return {
    name: 'strangeprompt-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const app = Object.values(bundle).find(
          (c) => c.type === 'chunk' && Object.keys(c.modules).some((id) => id.endsWith('/src/app.tsx')),
        );
        if (!app || app.type !== 'chunk') return html;
        const entry = (f: string) => {
          const c = bundle[f];
          return c && c.type === 'chunk' && c.isEntry;
        };
        const files = [app.fileName, ...app.imports.filter((f) => !entry(f))];
        const css = [...(app.viteMetadata?.importedCss ?? [])];
        const links = [
          ...css.map((f) => `<link rel="stylesheet" crossorigin href="/${f}">`),
          ...files.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
        ].join('\n    ');
        return html.replace('</head>', `    ${links}\n  </head>`);
      },
    },
  };
}

export default defineConfig({
  plugins: [preact(), preloadApp()],
  build: {
    outDir: process.env.SP_WEB_OUT || 'dist',
    emptyOutDir: true,
    target: 'es2021',
    modulePreload: { polyfill: false },
    assetsDir: 'assets',
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080', '/media': 'http://127.0.0.1:8080' } },
});
