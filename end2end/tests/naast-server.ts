// A Naast server of a test's own: its own port and data directory, so a test can
// create organisations from the command line (`naast setup-link`), kill the server in
// the middle of a sync and start it again on the same data.

import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BINARY = join(ROOT, 'target', 'release', 'naast');
const SITE = join(ROOT, 'target', 'site');

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

export class NaastServer {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      LEPTOS_SITE_ADDR: `127.0.0.1:${this.port}`,
      LEPTOS_SITE_ROOT: SITE,
      NAAST_DATA_DIR: this.dataDir,
      DATABASE_URL: '',
      RUST_LOG: 'warn',
    };
  }

  /** Starts a server on a free port with an empty SQLite database. */
  static async start(): Promise<NaastServer> {
    const server = new NaastServer(await freePort(), mkdtempSync(join(tmpdir(), 'naast-e2e-')));
    await server.restart();
    return server;
  }

  /** (Re)starts the process on the same port and data, and waits until it answers. */
  async restart(): Promise<void> {
    const env = this.env();
    delete env.DATABASE_URL;
    this.child = spawn(BINARY, [], { env, stdio: 'ignore' });
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(`${this.url}/api/v1/openapi.json`)).ok) return;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the Naast server did not start');
  }

  /** Kills the process at once, as a crash or a pulled plug would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** A one-time link (path) creating a new organisation, from the operator's command. */
  setupLink(): string {
    const env = this.env();
    delete env.DATABASE_URL;
    return execFileSync(BINARY, ['setup-link'], { env, encoding: 'utf8' }).trim();
  }
}
