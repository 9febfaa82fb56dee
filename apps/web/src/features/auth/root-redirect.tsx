import { Navigate } from 'react-router';
import { ErrorState } from '../../components/error-state.tsx';
import { FullPageLoader } from '../../components/full-page-loader.tsx';
import { useAuthStatus, useMe } from './use-me.ts';

/** `/`: into the app with a session; sign-up on a fresh install; otherwise login. */
export function RootRedirect() {
  const meQuery = useMe();
  const statusQuery = useAuthStatus();
  if (meQuery.data) return <Navigate to="/contacts" replace />;
  if (meQuery.isPending || statusQuery.isPending) return <FullPageLoader />;
  if (statusQuery.isError) {
    return <ErrorState fullPage error={statusQuery.error} onRetry={() => void statusQuery.refetch()} />;
  }
  return <Navigate to={statusQuery.data.needsSetup ? '/signup' : '/login'} replace />;
}
