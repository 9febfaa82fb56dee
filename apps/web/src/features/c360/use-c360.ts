import type { TCustomFieldObjectType } from '@kap/shared';
import { useQuery } from '@tanstack/react-query';
import { getLifecycleStages, listCustomFields } from './c360-api.ts';

export function useCustomFields(objectType: TCustomFieldObjectType, includeArchived = false) {
  return useQuery({
    queryKey: ['custom-fields', objectType, includeArchived],
    queryFn: () => listCustomFields(objectType, includeArchived),
    staleTime: 60_000,
  });
}

export function useLifecycleStages() {
  return useQuery({ queryKey: ['lifecycle-stages'], queryFn: getLifecycleStages, staleTime: 60_000 });
}

/** Label of a lifecycle stage key, from the workspace's configuration. */
export function useStageLabel() {
  const stages = useLifecycleStages().data?.stages ?? [];
  return (key: string | null) => (key ? (stages.find((s) => s.key === key)?.label ?? key) : '');
}
