import "./sip.css";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { canEditPlan } from "../plans/plans.format.ts";
import type { PlanDocument } from "../plans/plans.types.ts";
import { ChecksPanel } from "./ChecksPanel.tsx";
import { ComponentProgressPanel } from "./ComponentProgressPanel.tsx";
import { LifeCyclePanel } from "./LifeCyclePanel.tsx";
import { TeamPanel } from "./TeamPanel.tsx";

export const isSip = (plan: PlanDocument) => plan.templateKey === "county-sip";

/** Above a SIP's document in the editor: the guide's checks, live, and where the plan is in its life cycle. */
export function SipEditorTop({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  if (!isSip(plan)) return null;
  return (
    <div className="sip-editor-top">
      <ChecksPanel plan={plan} />
      <LifeCyclePanel planId={plan.id} />
      <p>
        <Link className="usa-link" to={`/plans/${plan.id}/review`}>
          {t("sip.editor.reviewLink")}
        </Link>
      </p>
    </div>
  );
}

/** Below a SIP's document: the components' measures and the SIP team (the checks link here when a core representative is missing). */
export function SipEditorBottom({ plan }: { plan: PlanDocument }) {
  if (!isSip(plan)) return null;
  return (
    <>
      <ComponentProgressPanel planId={plan.id} />
      <TeamPanel planId={plan.id} canEdit={canEditPlan(plan.access)} />
    </>
  );
}
