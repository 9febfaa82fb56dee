import { NotBuiltPage } from '../components/not-built-page.tsx';

export function TicketsPage() {
  return <NotBuiltPage section="tickets" />;
}
