// Global setup: the real langso-server, already built (LANGSO_SERVER_BIN, else
// $CARGO_TARGET_DIR/debug/langso-server, the target folder scripts/setup.sh uses), seeded with the demo commune in a fresh temp folder
// and serving on a free loopback port; the tests read its address from LANGSO_WEB_URL. The
// returned function stops it and removes the folder. The office tests run the same binary's
// command line on the same data (LANGSO_WEB_DATA, LANGSO_WEB_SERVER_BIN).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function serverBinary(): string {
  if (process.env.LANGSO_SERVER_BIN) return process.env.LANGSO_SERVER_BIN;
  const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/langso/target');
  return join(target, 'debug', 'langso-server');
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const bin = serverBinary();
  const data = mkdtempSync(join(tmpdir(), 'langso-web-'));
  const seeded = spawnSync(
    bin,
    ['--data', join(data, 'server'), 'demo', '--pack', join(root, 'assets/lessons'), '--codes', join(data, 'codes')],
    { encoding: 'utf8', env: { ...process.env, RUST_LOG: 'warn' } },
  );
  if (seeded.status !== 0) {
    throw new Error(`${bin} demo failed (${seeded.error ?? seeded.status}): ${seeded.stderr}`);
  }
  const server = spawn(bin, ['--data', join(data, 'server'), 'serve', '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: 'warn' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the server did not say where it listens: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(/127\.0\.0\.1:(\d+)/);
      if (found) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${found[1]}`);
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`the server stopped (${code}): ${output}`)));
  });
  process.env.LANGSO_WEB_URL = url;
  // The office tests make sign-in codes and communes with the server's own command line.
  process.env.LANGSO_WEB_DATA = join(data, 'server');
  process.env.LANGSO_WEB_SERVER_BIN = bin;
  return async () => {
    server.kill('SIGTERM');
    await new Promise((done) => (server.exitCode !== null ? done(null) : server.once('exit', done)));
    rmSync(data, { recursive: true, force: true });
  };
}
