// End-to-end journeys in Debian's chromium (playwright-core) against the real binary:
// sign up -> upload a PNG with Automatic1111 parameters -> the form fills itself -> publish ->
// the post is in the feed -> a second user likes and comments -> (the bell updates live) ->
// search finds the post -> (the dashboard counts the view); log out and in; a reload keeps the
// session; 127.0.0.1 and localhost both work; axe-core on the main pages; screenshots; the
// first-feed timing. Steps needing the notifications / analytics services run only when
// /readyz lists them.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { a1111Png } from './png.mjs';
import { startServer, waitFor } from './server.mjs';

const { values: opts } = parseArgs({
  options: {
    binary: { type: 'string' },
    screenshots: { type: 'string', default: 'screenshots' },
    testdata: { type: 'string', default: '../../shared/testdata' },
    chromium: { type: 'string', default: process.env.SP_CHROMIUM || '/usr/bin/chromium' },
  },
});
if (!opts.binary) throw new Error('--binary is required');
if (!existsSync(opts.chromium)) {
  console.error(`chromium not found at ${opts.chromium}: run scripts/bootstrap (Debian package chromium)`);
  process.exit(1);
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const results = [];
const failures = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push(`FAIL  ${name}: ${e.message}`);
    failures.push(name);
    throw e;
  }
}
function skip(name, reason) {
  results.push(`skip  ${name}: ${reason}`);
}

// The A1111 PNG: the shared test data when present (read in place), else one made here.
function a1111File() {
  const shared = join(opts.testdata, 'sd-parsers/AUTOMATIC1111/automatic1111_cropped.png');
  if (existsSync(shared)) {
    console.log(`using ${shared}`);
    return { name: 'automatic1111_cropped.png', mimeType: 'image/png', buffer: readFileSync(shared) };
  }
  console.log(`${opts.testdata} is absent: using a generated PNG with a tEXt "parameters" chunk`);
  return { name: 'duck.png', mimeType: 'image/png', buffer: a1111Png() };
}

const server = await startServer(opts.binary);
const { base, port } = server;
const hasNotifications = server.checks.some((c) => c.startsWith('notifications'));
const hasAnalytics = server.checks.some((c) => c.startsWith('analytics'));
console.log(`server at ${base}; readyz checks: ${server.checks.join(', ')}`);
const browser = await chromium.launch({ executablePath: opts.chromium, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const cspErrors = [];
const pageErrors = [];
async function newPage(origin = base, extra = {}) {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 860 }, ...extra });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  page.on('pageerror', (e) => {
    pageErrors.push(String(e));
    if (process.env.SP_E2E_DEBUG) console.log('  pageerror', e.stack);
  });
  if (process.env.SP_E2E_DEBUG) page.on('response', (r) => console.log(`  ${r.request().method()} ${r.url()} ${r.status()}`));
  return page;
}
const account = (page) => page.getByRole('button', { name: /^Account menu for @/ });
const run = Date.now().toString(36);
const alice = { email: `alice-${run}@example.com`, handle: `alice_${run}`, password: 'correct horse battery staple' };
const bob = { email: `bob-${run}@example.com`, handle: `bob_${run}`, password: 'another long passphrase 42' };
const title = `Duck at dawn ${run}`;

async function signUp(page, user) {
  await page.goto('/signup');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel(/^Handle/).fill(user.handle);
  await page.getByLabel(/^Password/).fill(user.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await account(page).waitFor();
}

let postUrl = '';
let timing = null;
try {
  await step('edge delivery over real HTTP: immutable assets, br/gzip, index ETag/304, SPA fallback, API 404s', async () => {
    const expect = (cond, what) => {
      if (!cond) throw new Error(what);
    };
    const index = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br, gzip' } });
    const html = await index.text();
    expect(index.headers.get('content-encoding') === 'br', `index encoding ${index.headers.get('content-encoding')}`);
    expect(index.headers.get('cache-control') === 'no-cache', 'index cache-control');
    expect((index.headers.get('vary') ?? '').includes('Accept-Encoding'), 'index vary');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp.includes("script-src 'self'") && !csp.includes('unsafe-inline') && csp.includes("frame-ancestors 'none'"), `csp ${csp}`);
    expect(index.headers.get('x-content-type-options') === 'nosniff', 'nosniff');
    expect(!index.headers.has('strict-transport-security'), 'no HSTS over plain HTTP');
    const etag = index.headers.get('etag');
    const again = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br, gzip', 'if-none-match': etag } });
    expect(again.status === 304, `revalidation answered ${again.status}`);
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset, 'no entry script in index.html');
    const js = await fetch(`${base}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.headers.get('cache-control') === 'public, max-age=31536000, immutable', `asset cache-control ${js.headers.get('cache-control')}`);
    expect(js.headers.get('content-encoding') === 'gzip', 'asset gzip');
    const client = await fetch(`${base}/u/someone/followers`);
    expect(client.status === 200 && (await client.text()).includes('<div id="app">'), 'client route fallback');
    for (const path of ['/v1/nope', '/media/v/1/2/3.webp', '/assets/missing.js']) {
      const r = await fetch(`${base}${path}`);
      expect(r.status === 404 && r.headers.get('content-type') === 'application/problem+json', `${path}: ${r.status} ${r.headers.get('content-type')}`);
    }
    const feed = await fetch(`${base}/v1/gallery/feed?limit=5`);
    expect((feed.headers.get('cache-control') ?? '').includes('stale-while-revalidate'), `feed cache-control ${feed.headers.get('cache-control')}`);
    const feed304 = await fetch(`${base}/v1/gallery/feed?limit=5`, { headers: { 'if-none-match': feed.headers.get('etag') } });
    expect(feed304.status === 304, `feed revalidation ${feed304.status}`);
  });

  const alicePage = await newPage();

  await step('first feed page: the feed request starts before the app code has run', async () => {
    await alicePage.goto('/');
    await alicePage.locator('article.card').first().waitFor();
    timing = await alicePage.evaluate(() => {
      const entries = performance.getEntriesByType('resource');
      const feeds = entries.filter((e) => e.name.includes('/v1/gallery/feed') && !e.name.includes('cursor='));
      const feed = feeds[0];
      const app = entries.find((e) => /\/assets\/app-[^/]+\.js$/.test(e.name));
      const appStart = performance.getEntriesByName('sp-app-start')[0];
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        feedStart: feed?.startTime,
        feedEnd: feed?.responseEnd,
        appChunkStart: app?.startTime,
        appChunkEnd: app?.responseEnd,
        appEvaluated: appStart?.startTime,
        htmlEnd: nav?.responseEnd,
        preload: !!document.querySelector('link[rel=modulepreload][href*="/assets/app-"]'),
        feedInitiator: feed?.initiatorType,
        feedRequests: feeds.length,
      };
    });
    if (!timing.preload) throw new Error('index.html does not modulepreload the app chunk');
    if (timing.feedStart === undefined || timing.appEvaluated === undefined) throw new Error(`missing timing entries ${JSON.stringify(timing)}`);
    if (!(timing.feedStart < timing.appEvaluated)) throw new Error(`the feed request started after the app ran ${JSON.stringify(timing)}`);
    // The gateway's Link preload starts it with the page's headers; the boot code's fetch reuses it.
    if (timing.feedInitiator !== 'link' || timing.feedRequests !== 1) throw new Error(`the feed preload was not used ${JSON.stringify(timing)}`);
    if (!(timing.feedStart < timing.appChunkEnd)) throw new Error(`the feed request started after the app chunk loaded ${JSON.stringify(timing)}`);
  });

  await step('sign up (alice)', () => signUp(alicePage, alice));

  await step('upload a PNG with Automatic1111 parameters: the form fills itself; publish', async () => {
    await alicePage.getByRole('link', { name: 'Upload' }).click();
    await alicePage.getByTestId('file-input').setInputFiles(a1111File());
    const prompt = alicePage.getByLabel('Prompt', { exact: true });
    await waitFor('the prompt to be filled from the file', async () => (await prompt.inputValue().catch(() => '')) === 'photo of a duck', 60000);
    const steps = await alicePage.getByLabel('Steps').inputValue();
    const negative = await alicePage.getByLabel('Negative prompt').inputValue();
    const model = await alicePage.getByLabel('Model').inputValue();
    if (steps !== '15' || negative !== 'monochrome' || !model.startsWith('realistic')) {
      throw new Error(`form not filled from the metadata: steps=${steps} negative=${negative} model=${model}`);
    }
    await alicePage.getByLabel('Title').fill(title);
    await alicePage.getByLabel(/^Tags/).fill('duck, dawn');
    await alicePage.getByTestId('publish').click();
    const link = alicePage.getByRole('link', { name: title });
    await link.waitFor();
    postUrl = new URL(await link.getAttribute('href'), base).pathname;
  });

  await step('the new post is in the feed (new)', async () => {
    await alicePage.goto('/?sort=new');
    await alicePage.locator('article.card', { hasText: title }).waitFor();
  });

  const bobPage = await newPage();
  await step('a second user (bob) likes and comments', async () => {
    await signUp(bobPage, bob);
    await bobPage.goto(postUrl);
    await bobPage.getByRole('heading', { name: title }).waitFor();
    await bobPage.getByTestId('like').click();
    await waitFor('the like count to be 1', async () => (await bobPage.getByTestId('like-count').textContent()) === '1');
    await bobPage.getByLabel('Add a comment').fill('Lovely duck!');
    await bobPage.getByRole('button', { name: 'Comment', exact: true }).click();
    await bobPage.getByTestId('comments').getByText('Lovely duck!').waitFor();
    // Seen by someone else: the like and the comment persist across a reload.
    await bobPage.reload();
    await bobPage.getByTestId('comments').getByText('Lovely duck!').waitFor();
    await waitFor('the like to persist', async () => (await bobPage.getByTestId('like-count').textContent()) === '1');
  });

  if (hasNotifications) {
    await step("alice's bell updates live", async () => {
      await alicePage.getByTestId('bell-count').waitFor({ timeout: 30000 });
      const before = Number(await alicePage.getByTestId('bell-count').textContent());
      await bobPage.goto(`/u/${alice.handle}`);
      await bobPage.getByRole('button', { name: 'Follow' }).click();
      await waitFor('the bell to count the follow without a reload', async () => Number(await alicePage.getByTestId('bell-count').textContent()) > before, 30000);
    });
  } else {
    skip("alice's bell updates live", '/readyz lists no notifications service (contract C3; runs once it is merged)');
  }

  await step('search finds the post by a word of its prompt', async () => {
    const box = alicePage.getByRole('searchbox', { name: 'Search' });
    await box.fill('duck');
    await box.press('Enter');
    await alicePage.getByTestId('search-results').locator('article.card', { hasText: title }).waitFor();
  });

  await step('collections: create one, save the post to it, see it there', async () => {
    await alicePage.goto(`/u/${alice.handle}/collections`);
    await alicePage.getByLabel('New collection name').fill('Ducks');
    await alicePage.getByRole('button', { name: 'Create' }).click();
    await alicePage.getByRole('heading', { name: 'Ducks' }).waitFor();
    await alicePage.goto(postUrl);
    await alicePage.getByRole('button', { name: 'Save to collection' }).click();
    await alicePage.getByRole('button', { name: 'Save here' }).first().click();
    await alicePage.getByText('Saved to Ducks').waitFor();
    await alicePage.goto(`/u/${alice.handle}/collections`);
    await alicePage.getByRole('link', { name: 'Ducks' }).click();
    await alicePage.locator('article.card', { hasText: title }).waitFor();
  });

  if (hasAnalytics) {
    await step('the creator dashboard counts the view', async () => {
      await waitFor(
        'the dashboard to count a view',
        async () => {
          await alicePage.goto('/dashboard');
          const v = await alicePage.getByTestId('total-views').textContent({ timeout: 5000 });
          return Number(v) >= 1;
        },
        60000,
        1000,
      );
    });
  } else {
    skip('the creator dashboard counts the view', '/readyz lists no analytics service (contract C4; runs once it is merged)');
  }

  await step('a hidden creator is kept in the content settings', async () => {
    await bobPage.goto('/settings/preferences');
    await bobPage.getByLabel('Hidden creators (handles, comma separated)').fill(`@${alice.handle}`);
    await bobPage.getByRole('button', { name: 'Save' }).click();
    await bobPage.getByText('Saved.').waitFor();
    await bobPage.reload();
    const field = bobPage.getByLabel('Hidden creators (handles, comma separated)');
    await field.waitFor();
    await bobPage.waitForFunction((handle) => document.querySelector('#hiddenCreators')?.value === handle, alice.handle);
    await field.fill('');
    await bobPage.getByRole('button', { name: 'Save' }).click();
    await bobPage.getByText('Saved.').waitFor();
  });

  await step('an avatar uploaded in settings shows on the profile page', async () => {
    await alicePage.goto('/settings');
    await alicePage.getByLabel('Avatar (PNG, JPEG, WebP or AVIF)').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: a1111Png() });
    await alicePage.getByTestId('avatar-image').waitFor({ timeout: 30000 });
    await alicePage.goto(`/u/${alice.handle}`);
    await alicePage.getByTestId('avatar-image').waitFor();
    await alicePage.waitForFunction(() => {
      const img = document.querySelector('[data-testid=avatar-image]');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    // Her post cards carry it too, once the gallery's copy of her profile has it.
    await waitFor(
      'the avatar on her post cards',
      async () => {
        await alicePage.goto(`/u/${alice.handle}`);
        await alicePage.getByTestId('avatar-image').waitFor();
        return (await alicePage.getByTestId('card-avatar').count()) > 0;
      },
      20000,
      500,
    );
  });

  await step('a reload keeps the session (refresh cookie, Origin http://127.0.0.1)', async () => {
    await alicePage.goto('/settings');
    // Wait for the page's own cookie refresh, so the reload tests a settled session (a reload
    // that aborts a refresh in flight is covered by auth's reuse grace window).
    await account(alicePage).waitFor();
    await alicePage.reload();
    await account(alicePage).waitFor();
    await alicePage.getByLabel('Display name').waitFor();
  });

  await step('log out and log in again', async () => {
    await account(alicePage).click();
    await alicePage.getByRole('button', { name: 'Log out' }).click();
    await alicePage.getByRole('link', { name: 'Log in' }).waitFor();
    await alicePage.reload();
    await alicePage.getByRole('link', { name: 'Log in' }).waitFor(); // the cookie is gone too
    await alicePage.getByRole('link', { name: 'Log in' }).click();
    await alicePage.getByLabel('Email or handle').fill(alice.handle);
    await alicePage.getByLabel('Password').fill(alice.password);
    await alicePage.getByRole('button', { name: 'Log in' }).click();
    await account(alicePage).waitFor();
  });

  await step('the site works at localhost too (log in, reload keeps the session)', async () => {
    const local = await newPage(`http://localhost:${port}`);
    await local.goto('/login');
    await local.getByLabel('Email or handle').fill(bob.email);
    await local.getByLabel('Password').fill(bob.password);
    await local.getByRole('button', { name: 'Log in' }).click();
    await account(local).waitFor();
    await local.reload();
    await account(local).waitFor();
    await local.goto(postUrl);
    await local.getByRole('heading', { name: title }).waitFor();
    await local.context().close();
  });

  // A page has settled when it loaded and its main content replaced the spinner. Not
  // 'networkidle': a signed-in page keeps the notifications stream (SSE) open for good.
  const settle = async (page) => {
    await page.waitForLoadState('load');
    await page.waitForFunction(() => {
      const main = document.querySelector('main');
      return main !== null && main.childElementCount > 0 && !main.querySelector('.spinner');
    }, null, { timeout: 10000 }).catch(() => {});
    await page.evaluate(() => document.fonts.ready);
  };

  await step('axe-core: no serious or critical violations on the main pages', async () => {
    const signedOutPages = ['/', '/login', '/signup', '/forgot', postUrl];
    const pages = ['/', postUrl, '/search?q=duck', `/u/${alice.handle}`, `/u/${alice.handle}/followers`, '/upload', '/settings', '/settings/preferences', '/settings/notifications', '/settings/sessions', '/settings/api-keys', '/dashboard', '/notifications'];
    const found = [];
    for (const scheme of ['light', 'dark']) {
      // bypassCSP only here: axe is injected as a script.
      const ctx = await browser.newContext({ baseURL: base, colorScheme: scheme, bypassCSP: true });
      const page = await ctx.newPage();
      const scan = async (path) => {
        await page.goto(path);
        await settle(page);
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations'] });
          return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        });
        for (const v of violations) found.push(`${scheme} ${path}: ${v}`);
      };
      for (const path of signedOutPages) await scan(path);
      await page.goto('/login');
      await page.getByLabel('Email or handle').fill(alice.handle);
      await page.getByLabel('Password').fill(alice.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await account(page).waitFor();
      for (const path of pages) await scan(path);
      await ctx.close();
    }
    if (found.length) throw new Error(`\n  ${found.join('\n  ')}`);
  });

  await step('screenshots (desktop and phone, light and dark)', async () => {
    mkdirSync(opts.screenshots, { recursive: true });
    const shots = [
      ['home', '/'],
      ['post', postUrl],
      ['search', '/search?q=duck'],
      ['profile', `/u/${alice.handle}`],
      ['upload', '/upload'],
      ['settings', '/settings'],
      ['dashboard', '/dashboard'],
      ['login', '/login'],
    ];
    const devices = {
      desktop: { viewport: { width: 1280, height: 860 } },
      phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    };
    for (const [device, deviceOpts] of Object.entries(devices)) {
      for (const scheme of ['light', 'dark']) {
        const ctx = await browser.newContext({ baseURL: base, colorScheme: scheme, ...deviceOpts });
        const page = await ctx.newPage();
        for (const [name, path] of shots) {
          if (name === 'upload') {
            await page.goto('/login');
            await page.getByLabel('Email or handle').fill(alice.handle);
            await page.getByLabel('Password').fill(alice.password);
            await page.getByRole('button', { name: 'Log in' }).click();
            await account(page).waitFor();
          }
          await page.goto(path);
          await settle(page);
          await page.screenshot({ path: join(opts.screenshots, `${name}-${device}-${scheme}.png`) });
        }
        await ctx.close();
      }
    }
  });

  await step('no Content-Security-Policy violations and no uncaught page errors', async () => {
    if (cspErrors.length) throw new Error(cspErrors.join('\n'));
    if (pageErrors.length) throw new Error(pageErrors.join('\n'));
  });
} catch (e) {
  console.error(e.stack || e.message);
} finally {
  await browser.close().catch(() => {});
  await server.stop();
}

console.log(results.join('\n'));
if (timing) {
  const f = (n) => (n === undefined ? '?' : `${n.toFixed(1)} ms`);
  console.log(
    `first feed page: html done ${f(timing.htmlEnd)}, app chunk ${f(timing.appChunkStart)}–${f(timing.appChunkEnd)}, ` +
      `feed request (${timing.feedInitiator}) ${f(timing.feedStart)}–${f(timing.feedEnd)}, app evaluated ${f(timing.appEvaluated)}`,
  );
}
console.log(`screenshots: ${opts.screenshots}`);
if (failures.length) {
  console.error(`${failures.length} step(s) failed; server log kept only with SP_KEEP_E2E_DIR=1`);
  process.exit(1);
}
