import { NotBuiltPage } from '../components/not-built-page.tsx';

export function CompaniesPage() {
  return <NotBuiltPage section="companies" />;
}
