import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, Route, Routes, useOutletContext } from "react-router";
import { AppShell } from "./AppShell.tsx";
import { PublicLayout } from "./PublicLayout.tsx";

/**
 * Route-level code splitting: the shell (layouts, session, i18n, query client) is in the entry chunk; every
 * page module is fetched when its route is first shown, so heavy libraries (recharts, the plan editor) load
 * only with the pages that use them. test/e2e/web-budget.e2e.ts holds the initial JavaScript to a budget.
 */
function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await loadOrReload(load))[name] }));
}

const RELOADED_KEY = "trellis.reloadedForChunk";

/**
 * A page open across a deploy asks for chunks of the release it started with, which the new release no
 * longer serves: reload once to get the new release (docs/operations.md, rolling deploys). A second failure
 * in a row is a real error and is thrown.
 */
async function loadOrReload<M>(load: () => Promise<M>): Promise<M> {
  let module: M;
  try {
    module = await load();
  } catch (error) {
    // Without session storage there is no way to tell a second failure: no reload, so no reload loop.
    let reloadedAlready = true;
    try {
      reloadedAlready = window.sessionStorage.getItem(RELOADED_KEY) !== null;
      if (!reloadedAlready) window.sessionStorage.setItem(RELOADED_KEY, "1");
    } catch {}
    if (reloadedAlready) throw error;
    window.location.reload();
    return new Promise<M>(() => {});
  }
  try {
    window.sessionStorage.removeItem(RELOADED_KEY);
  } catch {}
  return module;
}

/** What shows, inside the shell, while a page's code arrives: announced politely to screen readers. */
function PageLoading() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="margin-y-3 text-base">
      {t("app.loadingPage")}
    </div>
  );
}

/**
 * A pathless layout route: the pages below it suspend here, so the header and navigation stay in place. It
 * hands on its parent's outlet context (the admin area gives its panels the organization that way).
 */
function PageOutlet() {
  const context = useOutletContext();
  return (
    <Suspense fallback={<PageLoading />}>
      <Outlet context={context} />
    </Suspense>
  );
}

const AcceptInvitationPage = lazyPage(
  () => import("../features/accounts/AcceptInvitationPage.tsx"),
  "AcceptInvitationPage",
);
const AccountPage = lazyPage(() => import("../features/accounts/AccountPage.tsx"), "AccountPage");
const ForgotPasswordPage = lazyPage(
  () => import("../features/accounts/ForgotPasswordPage.tsx"),
  "ForgotPasswordPage",
);
const ResetPasswordPage = lazyPage(
  () => import("../features/accounts/ResetPasswordPage.tsx"),
  "ResetPasswordPage",
);
const SignInPage = lazyPage(() => import("../features/accounts/SignInPage.tsx"), "SignInPage");
const AdminLayout = lazyPage(() => import("../features/admin/AdminLayout.tsx"), "AdminLayout");
const ApiTokensPanel = lazyPage(() => import("../features/admin/ApiTokensPanel.tsx"), "ApiTokensPanel");
const AuditLogPanel = lazyPage(() => import("../features/admin/AuditLogPanel.tsx"), "AuditLogPanel");
const MembersPanel = lazyPage(() => import("../features/admin/MembersPanel.tsx"), "MembersPanel");
const OutboxPanel = lazyPage(() => import("../features/admin/OutboxPanel.tsx"), "OutboxPanel");
const SharedFamiliesPage = lazyPage(
  () => import("../features/consent/SharedFamiliesPage.tsx"),
  "SharedFamiliesPage",
);
const SharedFamilyPage = lazyPage(
  () => import("../features/consent/SharedFamilyPage.tsx"),
  "SharedFamilyPage",
);
const DirectorySearchPage = lazyPage(
  () => import("../features/directory/DirectorySearchPage.tsx"),
  "DirectorySearchPage",
);
const ResourceListPage = lazyPage(
  () => import("../features/directory/ResourceListPage.tsx"),
  "ResourceListPage",
);
const ServiceDetailPage = lazyPage(
  () => import("../features/directory/ServiceDetailPage.tsx"),
  "ServiceDetailPage",
);
const CaseloadPage = lazyPage(() => import("../features/families/CaseloadPage.tsx"), "CaseloadPage");
const FamiliesListPage = lazyPage(
  () => import("../features/families/FamiliesListPage.tsx"),
  "FamiliesListPage",
);
const FamilyPage = lazyPage(() => import("../features/families/FamilyPage.tsx"), "FamilyPage");
const IntakePage = lazyPage(() => import("../features/families/IntakePage.tsx"), "IntakePage");
const HomePage = lazyPage(() => import("../features/home/HomePage.tsx"), "HomePage");
const NotFoundPage = lazyPage(() => import("../features/home/NotFoundPage.tsx"), "NotFoundPage");
const HistoryPage = lazyPage(() => import("../features/plans/HistoryPage.tsx"), "HistoryPage");
const MyActionStepsPage = lazyPage(
  () => import("../features/plans/MyActionStepsPage.tsx"),
  "MyActionStepsPage",
);
const NewPlanPage = lazyPage(() => import("../features/plans/NewPlanPage.tsx"), "NewPlanPage");
const PlanEditorPage = lazyPage(() => import("../features/plans/PlanEditorPage.tsx"), "PlanEditorPage");
const PlansListPage = lazyPage(() => import("../features/plans/PlansListPage.tsx"), "PlansListPage");
const SharingPage = lazyPage(() => import("../features/plans/SharingPage.tsx"), "SharingPage");
const TimelinePage = lazyPage(() => import("../features/plans/TimelinePage.tsx"), "TimelinePage");
const BreakGlassReviewPanel = lazyPage(
  () => import("../features/privacy/BreakGlassReviewPanel.tsx"),
  "BreakGlassReviewPanel",
);
const RetentionPanel = lazyPage(() => import("../features/privacy/RetentionPanel.tsx"), "RetentionPanel");
const ProviderLinksPage = lazyPage(
  () => import("../features/referrals/ProviderLinksPage.tsx"),
  "ProviderLinksPage",
);
const ReferralPage = lazyPage(() => import("../features/referrals/ReferralPage.tsx"), "ReferralPage");
const ReferralsPage = lazyPage(() => import("../features/referrals/ReferralsPage.tsx"), "ReferralsPage");
const MeasureDetailPage = lazyPage(
  () => import("../features/sip/MeasureDetailPage.tsx"),
  "MeasureDetailPage",
);
const MeasuresPage = lazyPage(() => import("../features/sip/MeasuresPage.tsx"), "MeasuresPage");
const PublicPlanPage = lazyPage(() => import("../features/sip/PublicPlanPage.tsx"), "PublicPlanPage");
const SipHomePage = lazyPage(() => import("../features/sip/SipHomePage.tsx"), "SipHomePage");
const SipReviewPage = lazyPage(() => import("../features/sip/SipReviewPage.tsx"), "SipReviewPage");
const StateReviewPage = lazyPage(() => import("../features/sip/StateReviewPage.tsx"), "StateReviewPage");
const PublicSurveyPage = lazyPage(() => import("../features/ta/PublicSurveyPage.tsx"), "PublicSurveyPage");
const TaRoutes = lazyPage(() => import("../features/ta/TaRoutes.tsx"), "TaRoutes");

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route element={<PageOutlet />}>
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="reset-password" element={<ResetPasswordPage />} />
          <Route path="invitations/:token" element={<AcceptInvitationPage />} />
          <Route path="public/plans/:slug" element={<PublicPlanPage />} />
          <Route path="survey/:token" element={<PublicSurveyPage />} />
        </Route>
      </Route>
      <Route element={<AppShell />}>
        <Route element={<PageOutlet />}>
          <Route index element={<HomePage />} />
          <Route path="plans" element={<PlansListPage />} />
          <Route path="plans/new" element={<NewPlanPage />} />
          <Route path="plans/:id" element={<PlanEditorPage />} />
          <Route path="plans/:id/timeline" element={<TimelinePage />} />
          <Route path="plans/:id/history" element={<HistoryPage />} />
          <Route path="plans/:id/sharing" element={<SharingPage />} />
          <Route path="my-action-steps" element={<MyActionStepsPage />} />
          <Route path="plans/:id/review" element={<SipReviewPage />} />
          <Route path="sip" element={<SipHomePage />} />
          <Route path="sip/measures" element={<MeasuresPage />} />
          <Route path="sip/measures/:code" element={<MeasureDetailPage />} />
          <Route path="sip/review" element={<StateReviewPage />} />
          <Route path="families" element={<FamiliesListPage />} />
          <Route path="families/new" element={<IntakePage />} />
          <Route path="families/:id" element={<FamilyPage />} />
          <Route path="caseload" element={<CaseloadPage />} />
          <Route path="directory" element={<DirectorySearchPage />} />
          <Route path="directory/services/:id" element={<ServiceDetailPage />} />
          <Route path="directory/resource-list" element={<ResourceListPage />} />
          <Route path="referrals" element={<ReferralsPage />} />
          <Route path="referrals/providers" element={<ProviderLinksPage />} />
          <Route path="referrals/:id" element={<ReferralPage />} />
          <Route path="shared" element={<SharedFamiliesPage />} />
          <Route path="shared/families/:id" element={<SharedFamilyPage />} />
          <Route path="ta/*" element={<TaRoutes />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="admin" element={<AdminLayout />}>
            <Route element={<PageOutlet />}>
              <Route index element={<Navigate to="members" replace />} />
              <Route path="members" element={<MembersPanel />} />
              <Route path="outbox" element={<OutboxPanel />} />
              <Route path="api-tokens" element={<ApiTokensPanel />} />
              <Route path="audit" element={<AuditLogPanel />} />
              <Route path="break-glass" element={<BreakGlassReviewPanel />} />
              <Route path="retention" element={<RetentionPanel />} />
            </Route>
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
