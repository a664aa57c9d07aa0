import { createBrowserRouter, matchRoutes, type RouteObject } from 'react-router';
import { lazyPage, preloadPages } from './lazy-page';
import { NotFoundPage, RouteErrorPage } from './error-page';
import { RootLayout } from './root-layout';

// Pages are split so a citizen on a phone downloads only the page they open.
const OrganizationsPage = lazyPage(() => import('@/features/organizations/pages/organizations-page'));
const OrganizationLayout = lazyPage(() => import('@/features/organizations/pages/organization-layout'));
const OrganizationHomePage = lazyPage(() => import('@/features/organizations/pages/organization-home-page'));
const SignInPage = lazyPage(() => import('@/features/identity/pages/sign-in-page'));
const SignUpPage = lazyPage(() => import('@/features/identity/pages/sign-up-page'));
const ProfilePage = lazyPage(() => import('@/features/profile/pages/profile-page'));
const PlansPage = lazyPage(() => import('@/features/plans/pages/plans-page'));
const PlanPage = lazyPage(() => import('@/features/plans/pages/plan-page'));
const StagePage = lazyPage(() => import('@/features/plans/pages/stage-page'));
const CommitteePage = lazyPage(() => import('@/features/plans/pages/committee-page'));
// The map is the point of this page: its code is fetched together with the page's, not after it.
const ProblemsPage = lazyPage(
  () => import('@/features/problems/pages/problems-page'),
  () => import('@/features/problems/components/problems-map'),
);
const ReportProblemPage = lazyPage(() => import('@/features/problems/pages/report-problem-page'));
const ProblemPage = lazyPage(() => import('@/features/problems/pages/problem-page'));
const ModerationPage = lazyPage(() => import('@/features/moderation/pages/moderation-page'));
const ConsultationPage = lazyPage(() => import('@/features/consultations/pages/consultation-page'));
const ConsultationDiffPage = lazyPage(() => import('@/features/consultations/pages/diff-page'));
// Planners' screens: their own chunks (and catalog), never fetched by a citizen.
const ManagePlansPage = lazyPage(() => import('@/features/plans/manage/pages/manage-plans-page'));
const ManagePlanPage = lazyPage(() => import('@/features/plans/manage/pages/manage-plan-page'));
const ManageConsultationPage = lazyPage(() => import('@/features/consultations/manage/manage-consultation-page'));
const SurveyResultsPage = lazyPage(() => import('@/features/surveys/results/survey-results-page'));
const SurveyExportPage = lazyPage(() => import('@/features/surveys/export/survey-export-page'));
// The administration area: its layout and each screen are chunks of their own.
const AdminLayout = lazyPage(() => import('@/features/admin/admin-layout'));
const AdminHomePage = lazyPage(() => import('@/features/admin/pages/admin-home-page'));
const AdminAuditPage = lazyPage(() => import('@/features/admin/audit/audit-page'));
const AdminSettingsPage = lazyPage(() => import('@/features/admin/pages/settings-page'));
const AdminMembersPage = lazyPage(() => import('@/features/admin/pages/members-page'));
// The municipality's own pages (about, terms, privacy): light, public.
const OrganizationTextPage = lazyPage(() => import('@/features/organizations/pages/organization-text-page'));
const AdminInvitationsPage = lazyPage(() => import('@/features/admin/pages/invitations-page'));
// The platform administration (superadmins) and an invitation's landing page: chunks of their own.
const PlatformPage = lazyPage(() => import('@/features/platform/platform-page'));
const InvitationPage = lazyPage(() => import('@/features/invitations/invitation-page'));
const AdminThemesPage = lazyPage(() => import('@/features/admin/themes/themes-page'));
const AdminDistrictsPage = lazyPage(() => import('@/features/admin/pages/admin-districts-page'));
// Surveys: the respondent's page is light (Leaflet only when the survey has map questions); the
// planner's builder is a chunk of its own.
const SurveyPage = lazyPage(() => import('@/features/surveys/respond/survey-page'));
const SurveyBuilderPage = lazyPage(() => import('@/features/surveys/builder/survey-builder-page'));
// Suggested themes of demands (planners): a chunk of its own.
const DemandSuggestionsPage = lazyPage(() => import('@/features/demands/suggestions/demand-suggestions-page'));
// The stakeholder registry (planners): chunks of their own (the grid's ECharts loads on demand).
const StakeholdersPage = lazyPage(() => import('@/features/stakeholders/pages/stakeholders-page'));
const StakeholderPage = lazyPage(() => import('@/features/stakeholders/pages/stakeholder-page'));
// Think-tank sessions: the planners' screens and the public session page, each a chunk of its own.
const ManageSessionsPage = lazyPage(() => import('@/features/thinktank/pages/manage-sessions-page'));
const ManageSessionPage = lazyPage(() => import('@/features/thinktank/pages/manage-session-page'));
const SessionsDashboardPage = lazyPage(() => import('@/features/thinktank/pages/sessions-dashboard-page'));
const SessionPage = lazyPage(() => import('@/features/thinktank/pages/session-page'));
const BoardPage = lazyPage(() => import('@/features/board/board-page'));
const BoardPresentPage = lazyPage(() => import('@/features/board/present-page'));
const DemandsHubPage = lazyPage(() => import('@/features/demands/hub/demands-hub-page'));
const DemandExportPage = lazyPage(() => import('@/features/demands/export/demand-export-page'));
// The plan structure editor (planners): a chunk of its own.
const StrategyEditorPage = lazyPage(() => import('@/features/strategy/strategy-editor-page'));
// Strategy monitoring (planners) and the public accountability pages: chunks of their own (ECharts and Leaflet load inside them).
const StrategyMonitoringPage = lazyPage(() => import('@/features/strategy/monitoring/monitoring-page'));
const AccountabilityPage = lazyPage(() => import('@/features/strategy/public/accountability-page'));
const PublicProjectPage = lazyPage(() => import('@/features/strategy/public/project-page'));

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <RootLayout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <OrganizationsPage /> },
      // A static segment: matched before `:slug` (the slug `platform` is reserved).
      { path: 'platform', element: <PlatformPage /> },
      {
        path: ':slug',
        element: <OrganizationLayout />,
        children: [
          { index: true, element: <OrganizationHomePage /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'sign-up', element: <SignUpPage /> },
          { path: 'profile', element: <ProfilePage /> },
          { path: 'about', element: <OrganizationTextPage /> },
          { path: 'terms', element: <OrganizationTextPage /> },
          { path: 'privacy', element: <OrganizationTextPage /> },
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
          { path: 'manage/surveys/:activityId/results', element: <SurveyResultsPage /> },
          { path: 'surveys/:activityId', element: <SurveyPage /> },
          { path: 'manage/surveys/:activityId', element: <SurveyBuilderPage /> },
          { path: 'manage/surveys/:activityId/export', element: <SurveyExportPage /> },
          { path: 'invitations/:token', element: <InvitationPage /> },
          {
            path: 'admin',
            element: <AdminLayout />,
            children: [
              { index: true, element: <AdminHomePage /> },
              { path: 'audit', element: <AdminAuditPage /> },
              { path: 'settings', element: <AdminSettingsPage /> },
              { path: 'members', element: <AdminMembersPage /> },
              { path: 'invitations', element: <AdminInvitationsPage /> },
              { path: 'themes', element: <AdminThemesPage /> },
              { path: 'districts', element: <AdminDistrictsPage /> },
            ],
          },
          { path: 'manage/demands/suggestions', element: <DemandSuggestionsPage /> },
          { path: 'manage/stakeholders', element: <StakeholdersPage /> },
          { path: 'manage/stakeholders/:stakeholderId', element: <StakeholderPage /> },
          { path: 'manage/plans/:planId/sessions', element: <ManageSessionsPage /> },
          { path: 'manage/plans/:planId/sessions/dashboard', element: <SessionsDashboardPage /> },
          { path: 'manage/plans/:planId/sessions/:sessionId', element: <ManageSessionPage /> },
          { path: 'sessions/:sessionId', element: <SessionPage /> },
          { path: 'sessions/:sessionId/board', element: <BoardPage /> },
          { path: 'sessions/:sessionId/board/present', element: <BoardPresentPage /> },
          { path: 'manage/demands', element: <DemandsHubPage /> },
          { path: 'manage/demands/export', element: <DemandExportPage /> },
          { path: 'manage/plans/:planId/strategy', element: <StrategyEditorPage /> },
          { path: 'manage/plans/:planId/monitoring', element: <StrategyMonitoringPage /> },
          { path: 'plans/:planId/accountability', element: <AccountabilityPage /> },
          { path: 'projects/:projectId', element: <PublicProjectPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  // Every page a first visit needs (the municipality's layout and the page inside it) is fetched
  // at once, instead of each one only after the one around it has arrived and rendered: on 3G
  // every such step costs a round trip of half a second or more.
  preloadPages(matchRoutes(routes, window.location)?.map((match) => match.route) ?? []);
  return createBrowserRouter(routes);
}
