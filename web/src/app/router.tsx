import { Navigate, Route, Routes } from "react-router";
import { AcceptInvitationPage } from "../features/accounts/AcceptInvitationPage.tsx";
import { AccountPage } from "../features/accounts/AccountPage.tsx";
import { ForgotPasswordPage } from "../features/accounts/ForgotPasswordPage.tsx";
import { ResetPasswordPage } from "../features/accounts/ResetPasswordPage.tsx";
import { SignInPage } from "../features/accounts/SignInPage.tsx";
import { AdminLayout } from "../features/admin/AdminLayout.tsx";
import { ApiTokensPanel } from "../features/admin/ApiTokensPanel.tsx";
import { AuditLogPanel } from "../features/admin/AuditLogPanel.tsx";
import { MembersPanel } from "../features/admin/MembersPanel.tsx";
import { OutboxPanel } from "../features/admin/OutboxPanel.tsx";
import { SharedFamiliesPage } from "../features/consent/SharedFamiliesPage.tsx";
import { SharedFamilyPage } from "../features/consent/SharedFamilyPage.tsx";
import { DirectorySearchPage } from "../features/directory/DirectorySearchPage.tsx";
import { ResourceListPage } from "../features/directory/ResourceListPage.tsx";
import { ServiceDetailPage } from "../features/directory/ServiceDetailPage.tsx";
import { CaseloadPage } from "../features/families/CaseloadPage.tsx";
import { FamiliesListPage } from "../features/families/FamiliesListPage.tsx";
import { FamilyPage } from "../features/families/FamilyPage.tsx";
import { IntakePage } from "../features/families/IntakePage.tsx";
import { HomePage } from "../features/home/HomePage.tsx";
import { NotFoundPage } from "../features/home/NotFoundPage.tsx";
import { HistoryPage } from "../features/plans/HistoryPage.tsx";
import { MyActionStepsPage } from "../features/plans/MyActionStepsPage.tsx";
import { NewPlanPage } from "../features/plans/NewPlanPage.tsx";
import { PlanEditorPage } from "../features/plans/PlanEditorPage.tsx";
import { PlansListPage } from "../features/plans/PlansListPage.tsx";
import { SharingPage } from "../features/plans/SharingPage.tsx";
import { TimelinePage } from "../features/plans/TimelinePage.tsx";
import { BreakGlassReviewPanel } from "../features/privacy/BreakGlassReviewPanel.tsx";
import { RetentionPanel } from "../features/privacy/RetentionPanel.tsx";
import { ProviderLinksPage } from "../features/referrals/ProviderLinksPage.tsx";
import { ReferralPage } from "../features/referrals/ReferralPage.tsx";
import { ReferralsPage } from "../features/referrals/ReferralsPage.tsx";
import { MeasureDetailPage } from "../features/sip/MeasureDetailPage.tsx";
import { MeasuresPage } from "../features/sip/MeasuresPage.tsx";
import { PublicPlanPage } from "../features/sip/PublicPlanPage.tsx";
import { SipHomePage } from "../features/sip/SipHomePage.tsx";
import { SipReviewPage } from "../features/sip/SipReviewPage.tsx";
import { StateReviewPage } from "../features/sip/StateReviewPage.tsx";
import { PublicSurveyPage } from "../features/ta/PublicSurveyPage.tsx";
import { TaRoutes } from "../features/ta/TaRoutes.tsx";
import { AppShell } from "./AppShell.tsx";
import { PublicLayout } from "./PublicLayout.tsx";

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicLayout />}>
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="invitations/:token" element={<AcceptInvitationPage />} />
        <Route path="public/plans/:slug" element={<PublicPlanPage />} />
        <Route path="survey/:token" element={<PublicSurveyPage />} />
      </Route>
      <Route element={<AppShell />}>
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
          <Route index element={<Navigate to="members" replace />} />
          <Route path="members" element={<MembersPanel />} />
          <Route path="outbox" element={<OutboxPanel />} />
          <Route path="api-tokens" element={<ApiTokensPanel />} />
          <Route path="audit" element={<AuditLogPanel />} />
          <Route path="break-glass" element={<BreakGlassReviewPanel />} />
          <Route path="retention" element={<RetentionPanel />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
