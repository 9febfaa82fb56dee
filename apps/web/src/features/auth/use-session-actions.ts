import type { TLocale, TMeResponse } from '@kap/shared';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { describeError } from '../../lib/error-message.ts';
import { ME_QUERY_KEY } from '../../lib/query-client.ts';
import { logout, switchWorkspace, type TAuthStatus, updateMe } from './auth-api.ts';
import { rememberLanguageChoice, takeLanguageChoice } from './language-choice.ts';
import { AUTH_STATUS_QUERY_KEY } from './use-me.ts';

/** Session-wide actions: starting a session, leaving it, moving between workspaces, choosing a language. */
export function useSessionActions() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();

  /** Drop every cached record of the previous identity or workspace. */
  const forgetWorkspaceData = useCallback(() => {
    queryClient.removeQueries({
      predicate: (query) =>
        query.queryKey[0] !== ME_QUERY_KEY[0] && query.queryKey[0] !== AUTH_STATUS_QUERY_KEY[0],
    });
  }, [queryClient]);

  /**
   * The most recent explicit choice wins: a language picked on the login page is saved to the profile;
   * otherwise the profile's language is applied to this device.
   */
  const startSession = useCallback(
    (me: TMeResponse) => {
      forgetWorkspaceData();
      // A session means a workspace exists: never let a stale "needs setup" send the next login to sign-up.
      queryClient.setQueryData<TAuthStatus>(AUTH_STATUS_QUERY_KEY, (status) =>
        status ? { ...status, needsSetup: false } : status,
      );
      void queryClient.invalidateQueries({ queryKey: AUTH_STATUS_QUERY_KEY });
      const chosen = takeLanguageChoice();
      if (me.user && chosen && chosen !== me.user.locale) {
        queryClient.setQueryData(ME_QUERY_KEY, { ...me, user: { ...me.user, locale: chosen } });
        updateMe({ locale: chosen }).then(
          (updated) => queryClient.setQueryData(ME_QUERY_KEY, updated),
          () => undefined, // the UI already shows the chosen language; the profile catches up next time
        );
        return;
      }
      queryClient.setQueryData(ME_QUERY_KEY, me);
      if (me.user?.locale) void i18n.changeLanguage(me.user.locale);
    },
    [forgetWorkspaceData, queryClient, i18n],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('session.logoutFailed'),
        message: describeError(error, t),
      });
      return;
    }
    // A full page load, not a client-side navigation: nothing of the previous session (cached records,
    // in-flight queries) survives in memory, and no guard can race us to `/login?next=…`.
    window.location.replace('/login');
  }, [t]);

  const changeWorkspace = useCallback(
    async (workspaceId: string) => {
      try {
        const me = await switchWorkspace(workspaceId);
        forgetWorkspaceData();
        queryClient.setQueryData(ME_QUERY_KEY, me);
        await navigate('/contacts');
        notifications.show({
          color: 'teal',
          message: t('session.switchedWorkspace', { name: me.workspace.name }),
        });
      } catch (error) {
        notifications.show({
          color: 'red',
          title: t('session.switchFailed'),
          message: describeError(error, t),
        });
      }
    },
    [forgetWorkspaceData, navigate, queryClient, t],
  );

  /** Switches the UI at once; with a session also saves the choice to the profile. */
  const changeLanguage = useCallback(
    async (locale: TLocale) => {
      await i18n.changeLanguage(locale);
      const me = queryClient.getQueryData<TMeResponse | null>(ME_QUERY_KEY);
      if (!me) rememberLanguageChoice(locale);
      if (!me?.user || me.user.locale === locale) return;
      try {
        queryClient.setQueryData(ME_QUERY_KEY, await updateMe({ locale }));
      } catch (error) {
        notifications.show({
          color: 'red',
          title: t('session.languageSaveFailed'),
          message: describeError(error, t),
        });
      }
    },
    [i18n, queryClient, t],
  );

  return { startSession, signOut, changeWorkspace, changeLanguage };
}
