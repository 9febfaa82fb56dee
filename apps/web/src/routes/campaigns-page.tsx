import { NotBuiltPage } from '../components/not-built-page.tsx';

export function CampaignsPage() {
  return <NotBuiltPage section="campaigns" />;
}
