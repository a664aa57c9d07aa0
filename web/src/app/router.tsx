import { lazy } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { NotFoundPage, RouteErrorPage } from './error-page';
import { RootLayout } from './root-layout';

// Pages are split so a citizen on a phone downloads only the page they open.
const OrganizationsPage = lazy(() => import('@/features/organizations/pages/organizations-page'));
const OrganizationLayout = lazy(() => import('@/features/organizations/pages/organization-layout'));
const OrganizationHomePage = lazy(() => import('@/features/organizations/pages/organization-home-page'));
const SignInPage = lazy(() => import('@/features/identity/pages/sign-in-page'));
const SignUpPage = lazy(() => import('@/features/identity/pages/sign-up-page'));
const ProfilePage = lazy(() => import('@/features/profile/pages/profile-page'));

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <OrganizationsPage /> },
      {
        path: ':slug',
        element: <OrganizationLayout />,
        children: [
          { index: true, element: <OrganizationHomePage /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'sign-up', element: <SignUpPage /> },
          { path: 'profile', element: <ProfilePage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
