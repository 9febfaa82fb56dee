import type { TCreatePersonRequest, TPerson, TUpdatePersonRequest } from '@kap/shared';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getOverview, timelineQueryKey } from '../c360/c360-api.ts';
import {
  createPerson,
  deletePerson,
  listPeople,
  type TPeopleListParams,
  updatePerson,
} from './people-api.ts';

export const peopleKeys = {
  all: ['people'] as const,
  list: (params: TPeopleListParams) => ['people', 'list', params] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
};

export function usePeopleList(params: TPeopleListParams) {
  return useInfiniteQuery({
    queryKey: peopleKeys.list(params),
    queryFn: ({ pageParam, signal }) => listPeople({ ...params, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Keep showing the old rows while a new search or sort loads: no flash of skeletons per keystroke.
    placeholderData: (previous) => previous,
  });
}

/** The person; its detail page's first timeline page arrives in the same request (the overview). */
export function usePerson(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: peopleKeys.detail(id),
    queryFn: async ({ signal }) => {
      const { record, timeline } = await getOverview<TPerson>('people', id, signal);
      queryClient.setQueryData(timelineQueryKey('people', record.id), {
        pages: [timeline],
        pageParams: [undefined],
      });
      return record;
    },
  });
}

function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return (person?: TPerson) => {
    if (person) queryClient.setQueryData(peopleKeys.detail(person.id), person);
    void queryClient.invalidateQueries({ queryKey: ['people', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['audit'] });
  };
}

export function useCreatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreatePersonRequest; idempotencyKey: string }) =>
      createPerson(body, idempotencyKey),
    onSuccess: (person) => invalidate(person),
  });
}

export function useUpdatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: TUpdatePersonRequest }) =>
      updatePerson(id, version, body),
    onSuccess: (person) => invalidate(person),
  });
}

export function useDeletePerson() {
  const invalidate = useInvalidatePeople();
  // The detail query is left to expire: removing it while its page is still mounted would refetch a 404.
  return useMutation({ mutationFn: (id: string) => deletePerson(id), onSuccess: () => invalidate() });
}
