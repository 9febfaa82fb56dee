import { prepareDemo, startKap } from '@kap/server';
import type { Command } from 'commander';
import { parsePositiveInteger } from '../lib/options.ts';
import { createProgress } from '../lib/progress.ts';
import { DEFAULT_DEMO_PEOPLE, printDemoAccount, printDemoResult } from './seed.ts';

type TServeOptions = { port?: string; host?: string; workers: boolean; demo?: boolean; demoPeople: number };

export function registerServeCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('Run Kap: web app, API and background workers')
    .option('-p, --port <port>', 'port to listen on (PORT, default 3000)')
    .option('--host <host>', 'address to listen on (HOST, default 0.0.0.0)')
    .option('--no-workers', 'do not run background workers in this process')
    .option(
      '--demo',
      'fill the first workspace with demo data if it has no people (creates a demo workspace on a fresh install)',
    )
    .option('--demo-people <count>', 'how many demo people', parsePositiveInteger, DEFAULT_DEMO_PEOPLE)
    .action(async (options: TServeOptions) => {
      await startKap(
        {
          ...(options.port !== undefined && { port: Number(options.port) }),
          ...(options.host !== undefined && { host: options.host }),
          ...(!options.workers && { runWorkers: false }),
        },
        options.demo ? { afterStart: (db) => seedDemo(db, options.demoPeople) } : {},
      );
    });
}

async function seedDemo(db: Parameters<typeof prepareDemo>[0], people: number): Promise<void> {
  const progress = createProgress('Seeding demo people', 'people');
  try {
    const print = (line: string) => console.log(`[kap] ${line}`);
    const result = await prepareDemo(db, {
      people,
      onProgress: progress.update,
      onAccountCreated: (account) => printDemoAccount(account, print),
    });
    progress.stop();
    printDemoResult(result, print);
  } finally {
    progress.stop();
  }
}
