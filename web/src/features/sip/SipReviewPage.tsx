import "./sip.css";
import { useTranslation } from "react-i18next";
import { useSignedInMe } from "../../app/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { PlanNav, WithPlan } from "../plans/PlanFrame.tsx";
import { canEditPlan } from "../plans/plans.format.ts";
import type { PlanDocument } from "../plans/plans.types.ts";
import { ComponentProgressPanel } from "./ComponentProgressPanel.tsx";
import { LifeCyclePanel } from "./LifeCyclePanel.tsx";
import { PublicPostingPanel } from "./PublicPostingPanel.tsx";
import { ReviewComments } from "./ReviewComments.tsx";
import { useWorkflow } from "./sip.api.ts";
import { isStateReviewer } from "./sip.format.ts";
import { VersionsPanel } from "./VersionsPanel.tsx";

/** A SIP's review: life cycle, state review comments per component, versions and their diff, public posting. */
export function SipReviewPage() {
  return <WithPlan>{(plan) => <SipReview plan={plan} />}</WithPlan>;
}

function SipReview({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const workflow = useWorkflow(plan.id);
  const title = t("sip.reviewPage.title", { title: plan.title });
  if (plan.templateKey !== "county-sip") {
    return (
      <Page title={title}>
        <PlanNav plan={plan} />
        <p>{t("sip.reviewPage.notSip")}</p>
      </Page>
    );
  }
  const editor = canEditPlan(plan.access);
  const canComment = editor || isStateReviewer(me);
  return (
    <Page title={title}>
      <PlanNav plan={plan} />
      <LifeCyclePanel planId={plan.id} />
      <ReviewComments plan={plan} canComment={canComment} />
      <ComponentProgressPanel planId={plan.id} />
      {workflow.isPending ? <Loading /> : null}
      {workflow.isError ? <ErrorAlert error={workflow.error} /> : null}
      {workflow.data ? <VersionsPanel plan={plan} versions={workflow.data.versions} /> : null}
      {workflow.data && plan.access === "owner" ? (
        <PublicPostingPanel planId={plan.id} status={workflow.data.status} posting={workflow.data.posting} />
      ) : null}
    </Page>
  );
}
