import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getCompany } from '../c360/c360-api.ts';
import { getPerson } from '../people/people-api.ts';
import { personDisplayName } from '../people/person-name.ts';

type TCustomerRefs = { personId: string | null; companyId: string | null };

/**
 * Display names of the customers of some orders: one cached GET per distinct person or company
 * (a page of orders has few distinct customers); a record the user cannot see stays unnamed.
 */
export function useCustomerNames(orders: readonly TCustomerRefs[]) {
  const { t } = useTranslation();
  const people = [...new Set(orders.flatMap((o) => (o.personId ? [o.personId] : [])))];
  const companies = [...new Set(orders.flatMap((o) => (o.companyId ? [o.companyId] : [])))];
  const personQueries = useQueries({
    queries: people.map((id) => ({
      queryKey: ['orders', 'customer', 'person', id],
      queryFn: async () => personDisplayName(await getPerson(id), t),
      staleTime: 60_000,
      retry: false,
    })),
  });
  const companyQueries = useQueries({
    queries: companies.map((id) => ({
      queryKey: ['orders', 'customer', 'company', id],
      queryFn: async () => (await getCompany(id)).name,
      staleTime: 60_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  people.forEach((id, i) => {
    const name = personQueries[i]?.data;
    if (name) names.set(id, name);
  });
  companies.forEach((id, i) => {
    const name = companyQueries[i]?.data;
    if (name) names.set(id, name);
  });
  return names;
}
