import { NotBuiltPage } from '../components/not-built-page.tsx';

export function DealsPage() {
  return <NotBuiltPage section="deals" />;
}
