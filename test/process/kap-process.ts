import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

export type TKapProcess = {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
};

/** Runs `kap serve` as a real child process on a data directory and waits until it serves. */
export async function startKapProcess(
  dataDir: string,
  env: Record<string, string> = {},
  user: { uid?: number; gid?: number } = {},
): Promise<TKapProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'apps/cli/bin/kap.mjs'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      KAP_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      KAP_WORKERS: 'false',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...user,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Kap did not start in 60 s:\n${output}`)), 60_000);
    const check = () => {
      const match = /Kap is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new KapExitedError(code, output));
    });
  });
  return { child, url, output: () => output, exited };
}

export class KapExitedError extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`Kap exited with ${code}:\n${output}`);
  }
}

export async function postJson(url: string, body: unknown, cookie?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie && { cookie }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, cookie: response.headers.get('set-cookie')?.split(';')[0] };
}
