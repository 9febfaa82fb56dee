import { findFirstWorkspace, findWorkspaceByIdOrName, type TDb } from '@kap/server';

/** `--workspace <id|name>`, or the install's first workspace when none is named. */
export async function resolveWorkspace(
  db: TDb,
  ref: string | undefined,
): Promise<{ id: string; name: string }> {
  const workspace = ref ? await findWorkspaceByIdOrName(db, ref) : await findFirstWorkspace(db);
  if (workspace) return workspace;
  throw new Error(
    ref
      ? `No workspace with the id or name "${ref}"`
      : 'There is no workspace yet: create the first user with `kap user create`',
  );
}
