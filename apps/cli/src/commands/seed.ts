import {
  DEMO_WORKSPACE_NAME,
  prepareDemo,
  seedDemoData,
  type TDb,
  type TDemoAccount,
  type TPrepareDemoResult,
} from '@kap/server';
import type { Command } from 'commander';
import { withDatabase } from '../lib/database.ts';
import { parsePositiveInteger } from '../lib/options.ts';
import { createProgress } from '../lib/progress.ts';
import { resolveWorkspace } from '../lib/workspace.ts';

export const DEFAULT_DEMO_PEOPLE = 3000;

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      'Fill an empty workspace with demo data (people in English, Armenian, Georgian and Lithuanian)',
    )
    .option('--demo', 'seed demo data (the only kind there is for now)')
    .option(
      '--workspace <id|name>',
      'workspace to fill (default: the first one; a demo workspace on a fresh install)',
    )
    .option('--people <count>', 'how many people', parsePositiveInteger, DEFAULT_DEMO_PEOPLE)
    .action(async (options: { demo?: boolean; workspace?: string; people: number }) => {
      if (!options.demo) throw new Error('Only demo data can be seeded for now: run `kap seed --demo`');
      await withDatabase(
        async ({ db }) => {
          const result = await seedWithProgress(db, options.workspace, options.people);
          if (result.existing > 0) {
            throw new Error(
              `Workspace "${result.workspaceName}" already has ${result.existing} people; demo data goes only into an empty workspace`,
            );
          }
          printDemoResult(result, console.log);
        },
        { migrate: true },
      );
    });
}

async function seedWithProgress(
  db: TDb,
  workspaceRef: string | undefined,
  people: number,
): Promise<TPrepareDemoResult> {
  const progress = createProgress('Seeding people', 'people');
  try {
    if (!workspaceRef) {
      return await prepareDemo(db, {
        people,
        onProgress: progress.update,
        onAccountCreated: (account) => printDemoAccount(account, console.log),
      });
    }
    const workspace = await resolveWorkspace(db, workspaceRef);
    const result = await seedDemoData(db, workspace.id, { people, onProgress: progress.update });
    return { ...result, workspaceId: workspace.id, workspaceName: workspace.name, account: null };
  } finally {
    progress.stop();
  }
}

/** Also used by `kap serve --demo`. The generated password is printed here and nowhere else. */
export function printDemoAccount(account: TDemoAccount, print: (line: string) => void): void {
  print(`Created the demo workspace "${DEMO_WORKSPACE_NAME}". Log in with:`);
  print(`  email:    ${account.email}`);
  print(`  password: ${account.password}   (shown once)`);
}

export function printDemoResult(result: TPrepareDemoResult, print: (line: string) => void): void {
  if (result.created > 0)
    print(
      `Seeded ${result.created} demo people, ${result.companies ?? 0} companies and ${result.activities ?? 0} activities into "${result.workspaceName}" (${result.workspaceId}).`,
    );
  else
    print(`Workspace "${result.workspaceName}" already has ${result.existing} people: no demo data added.`);
}
