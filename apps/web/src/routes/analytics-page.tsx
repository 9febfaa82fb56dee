import { NotBuiltPage } from '../components/not-built-page.tsx';

export function AnalyticsPage() {
  return <NotBuiltPage section="analytics" />;
}
