// A Redis server a test owns: its own process on a free port, with nothing saved
// unless the test asks (SHUTDOWN SAVE into its own folder, so a restart reads the
// data back). The test can hang it (SIGSTOP: connections stay open, nothing is
// answered), let it go on (SIGCONT), stop it and start it again on the same port.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface OwnRedis {
  readonly port: number;
  readonly url: string;
  /** Whether the process is there (answering or hung). */
  readonly running: boolean;
  /** The server stops answering; its connections stay open. */
  hang(): void;
  /** Answers again, everything that arrived meanwhile included. */
  wakeUp(): void;
  /** Saves its data into its folder and exits (a restart reads it back). */
  stop(): Promise<void>;
  /** Starts again on the same port with the saved data. */
  start(): Promise<void>;
  /** Ends the process for good, whatever state it is in. */
  kill(): Promise<void>;
}

export interface OwnRedisOptions {
  /** Persist every write in an append-only file as well (`appendonly yes`), as the README asks of production. */
  appendOnly?: boolean;
}

export async function startOwnRedis(dir: string, options: OwnRedisOptions = {}): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const cli = (...args: string[]) => run('redis-cli', ['-p', String(port), ...args], { timeout: 5000 });

  async function start(): Promise<void> {
    const started = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        options.appendOnly ? 'yes' : 'no',
        '--dir',
        dir,
        '--dbfilename',
        'own.rdb',
      ],
      { stdio: 'ignore' },
    );
    child = started;
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    for (let tries = 0; ; tries++) {
      try {
        const { stdout } = await cli('ping');
        if (stdout.trim() === 'PONG') return;
      } catch {
        // not listening yet
      }
      if (tries > 100 || started.exitCode !== null) throw new Error(`redis-server on port ${port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get running() {
      return child !== undefined && child.exitCode === null && child.signalCode === null;
    },
    hang: () => child?.kill('SIGSTOP'),
    wakeUp: () => child?.kill('SIGCONT'),
    async stop() {
      await cli('shutdown', 'save');
      await exited;
    },
    start,
    async kill() {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
