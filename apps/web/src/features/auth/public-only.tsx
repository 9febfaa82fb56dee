import { Navigate, Outlet, useSearchParams } from 'react-router';
import { FullPageLoader } from '../../components/full-page-loader.tsx';
import { safeNextPath } from './safe-next-path.ts';
import { useMe } from './use-me.ts';

/** Sign-up and login make no sense with a live session: go straight into the app. */
export function PublicOnly() {
  const meQuery = useMe();
  const [searchParams] = useSearchParams();
  if (meQuery.isPending) return <FullPageLoader />;
  if (meQuery.data) return <Navigate to={safeNextPath(searchParams.get('next'))} replace />;
  return <Outlet />;
}
