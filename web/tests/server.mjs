// Starts the real strangeprompt binary on a free loopback port with a temporary data dir.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function waitFor(what, fn, timeoutMs = 30000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

export async function startServer(binary, { demo = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sp-e2e-'));
  const port = await freePort();
  const log = join(dir, 'server.log');
  const fd = openSync(log, 'w');
  const args = ['serve', '--data-dir', join(dir, 'data'), '--listen', `127.0.0.1:${port}`];
  if (demo) args.push('--demo');
  const child = spawn(binary, args, {
    stdio: ['ignore', fd, fd],
    env: { ...process.env, STRANGEPROMPT_AUTH__SIGNUP_PER_ADDRESS_PER_HOUR: '0' },
  });
  let exited = null;
  child.on('exit', (code) => (exited = code));
  const base = `http://127.0.0.1:${port}`;
  const ready = await waitFor('the server to be ready', async () => {
    if (exited !== null) throw new Error(`the server exited with ${exited} (log: ${log})`);
    const r = await fetch(`${base}/readyz`);
    return r.ok ? r.json() : null;
  });
  return {
    base,
    port,
    dir,
    log,
    checks: Object.keys(ready.checks ?? {}),
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        await waitFor('the server to stop', () => exited !== null, 15000).catch(() => child.kill('SIGKILL'));
      }
      if (!process.env.SP_KEEP_E2E_DIR) rmSync(dir, { recursive: true, force: true });
    },
  };
}
