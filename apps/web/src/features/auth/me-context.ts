import type { TMeResponse } from '@kap/shared';
import { createContext, useContext } from 'react';

export const MeContext = createContext<TMeResponse | null>(null);

/** The signed-in identity inside the authenticated part of the app (guaranteed by RequireAuth). */
export function useCurrentMe(): TMeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentMe is used outside RequireAuth');
  return me;
}
