import { useQuery } from '@tanstack/react-query';
import { getImport, isImportActive, listImports } from './imports-api.ts';

/** One import, polled every second while it is queued or running (progress bar, rows/s, ETA). */
export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: ['imports', 'one', id],
    queryFn: ({ signal }) => getImport(id ?? '', signal),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data && isImportActive(query.state.data.status) ? 1000 : false),
  });
}

/** Past and running imports; polled while any of them runs, so their bars move. */
export function useImports() {
  return useQuery({
    queryKey: ['imports', 'list'],
    queryFn: ({ signal }) => listImports(signal),
    refetchInterval: (query) =>
      query.state.data?.data.some((item) => isImportActive(item.status)) ? 1500 : false,
  });
}
