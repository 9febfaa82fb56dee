import { Navigate, useLocation } from 'react-router';
import { ErrorState } from '../../components/error-state.tsx';
import { FullPageLoader } from '../../components/full-page-loader.tsx';
import { AppLayout } from '../shell/app-layout.tsx';
import { MeContext } from './me-context.ts';
import { useMe } from './use-me.ts';
import { useSyncLocale } from './use-sync-locale.ts';

export function RequireAuth() {
  const location = useLocation();
  const meQuery = useMe();
  useSyncLocale(meQuery.data?.user?.locale ?? null);

  if (meQuery.isPending) return <FullPageLoader />;
  if (meQuery.isError) {
    return <ErrorState fullPage error={meQuery.error} onRetry={() => void meQuery.refetch()} />;
  }
  if (!meQuery.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <MeContext.Provider value={meQuery.data}>
      <AppLayout />
    </MeContext.Provider>
  );
}
