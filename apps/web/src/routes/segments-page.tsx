import { NotBuiltPage } from '../components/not-built-page.tsx';

export function SegmentsPage() {
  return <NotBuiltPage section="segments" />;
}
