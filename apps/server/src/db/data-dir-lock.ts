import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An exclusive lock on Kap's data directory: a pid file created with O_EXCL.
 * Two Kap processes on one embedded PostgreSQL would corrupt each other's view of it,
 * so a second one must fail clearly instead of opening it.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Kap process (pid ${pid}). ` +
        'Stop that process first, or point KAP_DATA_DIR at another directory.',
    );
  }
}

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type TDataDirLock = { release: () => void };

export function lockDataDir(dataDir: string): TDataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'kap.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
      if (isProcessAlive(holder) && holder !== process.pid) throw new DataDirLockedError(dataDir, holder);
      // The holder died without releasing (kill -9, power loss): the lock is stale.
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
