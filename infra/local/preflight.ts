import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A problem the person starting Fuhua can fix, said in one sentence. */
export class StartupProblem extends Error {}

export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new StartupProblem(
      'Java 17 or newer is needed to run DynamoDB Local, and `java` was not found: install it (Debian/Ubuntu: sudo apt-get install default-jre-headless; macOS: brew install openjdk) and run npm start again.',
    );
  }
}

/** The data folder holds the keys and every person's data: made `0700`, only this user may enter it. */
export function checkWritable(dir: string): void {
  try {
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700); // the umask may have taken bits away, never added them; say exactly 0700
    }
    const probe = join(dir, `.write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch {
    throw new StartupProblem(`The data folder ${dir} is not writable: fix its permissions or choose another folder with FUHUA_DATA_DIR=/path/to/folder.`);
  }
}

export function checkPortFree(port: number, variable: string, host?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(new StartupProblem(`Port ${port} is already in use: stop what is using it, or set ${variable} to a free port (e.g. ${variable}=${port + 1}).`)),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
