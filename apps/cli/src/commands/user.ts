import { randomBytes } from 'node:crypto';
import { createMemberAccount, findFirstWorkspace, signUp } from '@kap/server';
import { type TRole, ZRole, ZSignupRequest } from '@kap/shared';
import type { Command } from 'commander';
import { withDatabase } from '../lib/database.ts';
import { resolveWorkspace } from '../lib/workspace.ts';

type TUserCreateOptions = {
  email: string;
  name: string;
  password?: string;
  workspace?: string;
  workspaceName?: string;
  role: string;
};

export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('Manage user accounts');
  user
    .command('create')
    .description(
      'Create a user. On a fresh install this also creates the workspace (like the first sign-up); ' +
        'otherwise the user joins an existing workspace.',
    )
    .requiredOption('--email <email>', 'email address, used to log in')
    .requiredOption('--name <name>', 'full name')
    .option('--password <password>', 'at least 10 characters; generated and printed once when left out')
    .option('--workspace <id|name>', "workspace to join (default: the install's first workspace)")
    .option('--workspace-name <name>', 'name of the workspace to create, on a fresh install')
    .option('--role <role>', `role in the workspace: ${ZRole.options.join(', ')}`, 'owner')
    .action(async (options: TUserCreateOptions) => {
      const password = options.password ?? randomBytes(12).toString('base64url');
      const role = parseRole(options.role);
      await withDatabase(
        async ({ db }) => {
          if (!(await findFirstWorkspace(db))) {
            await createFirstUser(db, options, password);
          } else {
            if (options.workspaceName) {
              throw new Error(
                '--workspace-name is only for a fresh install; this one has a workspace: use --workspace',
              );
            }
            const input = parseAccount({ ...options, workspaceName: 'unused' }, password);
            const workspace = await resolveWorkspace(db, options.workspace);
            const created = await createMemberAccount(db, { ...input, workspaceId: workspace.id, role });
            console.log(
              `Created user ${input.email} (id ${created.userId}) as ${role} of "${workspace.name}" (${workspace.id}).`,
            );
          }
          if (!options.password) console.log(`Password (shown once): ${password}`);
        },
        { migrate: true },
      );
    });
}

async function createFirstUser(
  db: Parameters<typeof signUp>[0],
  options: TUserCreateOptions,
  password: string,
) {
  if (!options.workspaceName) {
    throw new Error(
      'This is a fresh install: the first user also creates the workspace. Name it with --workspace-name.',
    );
  }
  if (options.workspace)
    throw new Error(`There is no workspace "${options.workspace}" yet: use --workspace-name to create it`);
  if (options.role !== 'owner') throw new Error('The first user of an install is the owner of its workspace');
  const input = parseAccount({ ...options, workspaceName: options.workspaceName }, password);
  const created = await signUp(db, input, false);
  console.log(`Created workspace "${input.workspaceName}" (${created.workspaceId}).`);
  console.log(`Created user ${input.email} (id ${created.userId}) as its owner.`);
}

/** The same rules as the sign-up form: a valid email (stored lower-case), a long enough password. */
function parseAccount(options: TUserCreateOptions & { workspaceName: string }, password: string) {
  const parsed = ZSignupRequest.safeParse({ ...options, password });
  if (parsed.success) return parsed.data;
  const flag = (path: PropertyKey[]) =>
    `--${String(path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const problems = parsed.error.issues.map((issue) => `${flag(issue.path)}: ${issue.message}`);
  throw new Error(`Invalid input: ${problems.join('; ')}`);
}

function parseRole(value: string): TRole {
  const parsed = ZRole.safeParse(value);
  if (!parsed.success) throw new Error(`Unknown role "${value}"; use one of: ${ZRole.options.join(', ')}`);
  return parsed.data;
}
