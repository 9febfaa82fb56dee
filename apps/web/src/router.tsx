import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { FullPageLoader } from './components/full-page-loader.tsx';
import { RouteErrorPage } from './components/route-error-page.tsx';
import { PublicOnly } from './features/auth/public-only.tsx';
import { RequireAuth } from './features/auth/require-auth.tsx';
import { RootRedirect } from './features/auth/root-redirect.tsx';

/** Route-level code splitting: each page is its own chunk, loaded on first visit. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return async () => ({ Component: (await load())[name] });
}

export const router = createBrowserRouter([
  {
    path: '/',
    ErrorBoundary: RouteErrorPage,
    HydrateFallback: FullPageLoader,
    children: [
      { index: true, Component: RootRedirect },
      {
        Component: PublicOnly,
        children: [
          { path: 'signup', lazy: page(() => import('./routes/signup-page.tsx'), 'SignupPage') },
          { path: 'login', lazy: page(() => import('./routes/login-page.tsx'), 'LoginPage') },
        ],
      },
      {
        path: 'forgot-password',
        lazy: page(() => import('./routes/forgot-password-page.tsx'), 'ForgotPasswordPage'),
      },
      {
        path: 'reset-password',
        lazy: page(() => import('./routes/reset-password-page.tsx'), 'ResetPasswordPage'),
      },
      {
        path: 'accept-invitation',
        lazy: page(() => import('./routes/accept-invitation-page.tsx'), 'AcceptInvitationPage'),
      },
      {
        Component: RequireAuth,
        children: [
          { path: 'contacts', lazy: page(() => import('./routes/contacts-page.tsx'), 'ContactsPage') },
          {
            path: 'contacts/new',
            lazy: page(() => import('./routes/contact-new-page.tsx'), 'ContactNewPage'),
          },
          {
            path: 'contacts/:personId',
            lazy: page(() => import('./routes/contact-detail-page.tsx'), 'ContactDetailPage'),
          },
          {
            path: 'contacts/:personId/edit',
            lazy: page(() => import('./routes/contact-edit-page.tsx'), 'ContactEditPage'),
          },
          { path: 'companies', lazy: page(() => import('./routes/companies-page.tsx'), 'CompaniesPage') },
          {
            path: 'companies/:companyId',
            lazy: page(() => import('./routes/company-detail-page.tsx'), 'CompanyDetailPage'),
          },
          { path: 'tasks', lazy: page(() => import('./routes/tasks-page.tsx'), 'TasksPage') },
          { path: 'deals', lazy: page(() => import('./routes/deals-page.tsx'), 'DealsPage') },
          {
            path: 'deals/:dealId',
            lazy: page(() => import('./routes/deal-detail-page.tsx'), 'DealDetailPage'),
          },
          { path: 'orders', lazy: page(() => import('./routes/orders-page.tsx'), 'OrdersPage') },
          {
            path: 'orders/:orderId',
            lazy: page(() => import('./routes/order-detail-page.tsx'), 'OrderDetailPage'),
          },
          { path: 'products', lazy: page(() => import('./routes/products-page.tsx'), 'ProductsPage') },
          { path: 'tickets', lazy: page(() => import('./routes/tickets-page.tsx'), 'TicketsPage') },
          { path: 'campaigns', lazy: page(() => import('./routes/campaigns-page.tsx'), 'CampaignsPage') },
          { path: 'segments', lazy: page(() => import('./routes/segments-page.tsx'), 'SegmentsPage') },
          { path: 'analytics', lazy: page(() => import('./routes/analytics-page.tsx'), 'AnalyticsPage') },
          { path: 'imports', lazy: page(() => import('./routes/imports-page.tsx'), 'ImportsPage') },
          { path: 'imports/new', lazy: page(() => import('./routes/imports-page.tsx'), 'ImportWizardPage') },
          {
            path: 'imports/:importId',
            lazy: page(() => import('./routes/imports-page.tsx'), 'ImportWizardPage'),
          },
          {
            path: 'settings',
            lazy: page(() => import('./routes/settings-layout.tsx'), 'SettingsLayout'),
            children: [
              { index: true, element: <Navigate to="profile" replace /> },
              {
                path: 'profile',
                lazy: page(() => import('./routes/settings-profile-page.tsx'), 'SettingsProfilePage'),
              },
              {
                path: 'members',
                lazy: page(() => import('./routes/settings-members-page.tsx'), 'SettingsMembersPage'),
              },
              {
                path: 'roles',
                lazy: page(() => import('./routes/settings-roles-page.tsx'), 'SettingsRolesPage'),
              },
              {
                path: 'custom-fields',
                lazy: page(
                  () => import('./routes/settings-custom-fields-page.tsx'),
                  'SettingsCustomFieldsPage',
                ),
              },
              {
                path: 'contacts',
                lazy: page(() => import('./routes/settings-contacts-page.tsx'), 'SettingsContactsPage'),
              },
              {
                path: 'pipelines',
                lazy: page(() => import('./routes/settings-pipelines-page.tsx'), 'SettingsPipelinesPage'),
              },
              {
                path: 'api-keys',
                lazy: page(() => import('./routes/settings-api-keys-page.tsx'), 'SettingsApiKeysPage'),
              },
              {
                path: 'audit-log',
                lazy: page(() => import('./routes/settings-audit-log-page.tsx'), 'SettingsAuditLogPage'),
              },
              {
                path: 'outbox',
                lazy: page(() => import('./routes/settings-outbox-page.tsx'), 'SettingsOutboxPage'),
              },
            ],
          },
          { path: '*', lazy: page(() => import('./routes/not-found-page.tsx'), 'NotFoundPage') },
        ],
      },
    ],
  },
]);
