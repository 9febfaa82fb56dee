import { startKap } from '@kap/server';
import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve', { isDefault: true })
    .description('Run Kap: web app, API and background workers')
    .option('-p, --port <port>', 'port to listen on (PORT, default 3000)')
    .option('--host <host>', 'address to listen on (HOST, default 0.0.0.0)')
    .option('--no-workers', 'do not run background workers in this process')
    .option('--demo', 'fill the first workspace with demo data if it is empty')
    .action(async (options: { port?: string; host?: string; workers: boolean; demo?: boolean }) => {
      await startKap({
        ...(options.port !== undefined && { port: Number(options.port) }),
        ...(options.host !== undefined && { host: options.host }),
        ...(!options.workers && { runWorkers: false }),
      });
    });
}
