import { createApiKey, listMemberRoles, type TActor, withWorkspace } from '@kap/server';
import { ZCreateApiKeyRequest, ZRole } from '@kap/shared';
import type { Command } from 'commander';
import { withDatabase } from '../lib/database.ts';
import { resolveWorkspace } from '../lib/workspace.ts';

export function registerApiKeyCommand(program: Command): void {
  const apikey = program.command('apikey').description('Manage API keys');
  apikey
    .command('create')
    .description('Create an API key; the key is printed once, on stdout')
    .requiredOption('--workspace <id|name>', 'workspace the key belongs to')
    .requiredOption('--name <name>', 'what the key is for, e.g. "website form"')
    .requiredOption('--role <role>', `what the key may do: ${ZRole.options.join(', ')}`)
    .action(async (options: { workspace: string; name: string; role: string }) => {
      const parsed = ZCreateApiKeyRequest.safeParse({ name: options.name, role: options.role });
      if (!parsed.success) {
        throw new Error(
          `Invalid input: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      await withDatabase(
        async ({ db }) => {
          const workspace = await resolveWorkspace(db, options.workspace);
          const owner = (await listMemberRoles(db, workspace.id)).find((member) => member.role === 'owner');
          if (!owner)
            throw new Error(`Workspace "${workspace.name}" has no owner to create the key on behalf of`);
          // The CLI acts for the workspace's first owner: the key's creator in the audit log and the owner of its records.
          const actor: TActor = {
            type: 'user',
            userId: owner.userId,
            apiKeyId: null,
            name: 'kap CLI',
            workspaceId: workspace.id,
            role: 'owner',
            requestId: null,
          };
          const created = await withWorkspace(db, workspace.id, (trx) =>
            createApiKey(trx, actor, parsed.data),
          );
          console.error(
            `Created API key "${created.name}" (id ${created.id}, role ${created.role}) in "${workspace.name}".`,
          );
          console.error('This is the only time the key is shown; store it now:');
          console.log(created.key);
        },
        { migrate: true },
      );
    });
}
