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
const PlansPage = lazy(() => import('@/features/plans/pages/plans-page'));
const PlanPage = lazy(() => import('@/features/plans/pages/plan-page'));
const StagePage = lazy(() => import('@/features/plans/pages/stage-page'));
const CommitteePage = lazy(() => import('@/features/plans/pages/committee-page'));
const ProblemsPage = lazy(() => import('@/features/problems/pages/problems-page'));
const ReportProblemPage = lazy(() => import('@/features/problems/pages/report-problem-page'));
const ProblemPage = lazy(() => import('@/features/problems/pages/problem-page'));
const ModerationPage = lazy(() => import('@/features/moderation/pages/moderation-page'));
const ConsultationPage = lazy(() => import('@/features/consultations/pages/consultation-page'));
const ConsultationDiffPage = lazy(() => import('@/features/consultations/pages/diff-page'));
// Planners' screens: their own chunks (and catalog), never fetched by a citizen.
const ManagePlansPage = lazy(() => import('@/features/plans/manage/pages/manage-plans-page'));
const ManagePlanPage = lazy(() => import('@/features/plans/manage/pages/manage-plan-page'));
const ManageConsultationPage = lazy(() => import('@/features/consultations/manage/manage-consultation-page'));

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
          { path: 'plans', element: <PlansPage /> },
          { path: 'plans/:planId', element: <PlanPage /> },
          { path: 'plans/:planId/stages/:stageId', element: <StagePage /> },
          { path: 'committees/:committeeId', element: <CommitteePage /> },
          { path: 'problems', element: <ProblemsPage /> },
          { path: 'problems/new', element: <ReportProblemPage /> },
          { path: 'problems/:problemId', element: <ProblemPage /> },
          { path: 'consultations/:activityId', element: <ConsultationPage /> },
          { path: 'consultations/:activityId/diff', element: <ConsultationDiffPage /> },
          { path: 'moderation', element: <ModerationPage /> },
          { path: 'manage/plans', element: <ManagePlansPage /> },
          { path: 'manage/plans/:planId', element: <ManagePlanPage /> },
          { path: 'manage/consultations/:activityId', element: <ManageConsultationPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
