import "./plans.css";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { Page } from "../../ui/Page.tsx";
import { SipEditorBottom, SipEditorTop } from "../sip/SipEditorPanels.tsx";
import { Announcer } from "./Announcer.tsx";
import { AccessTag, ProgressBar } from "./PlanBits.tsx";
import { PlanEditingProvider } from "./PlanContext.tsx";
import { FieldsSection, PlanDetails } from "./PlanDetails.tsx";
import { PlanNav, WithPlan } from "./PlanFrame.tsx";
import { ItemsSection } from "./PlanItems.tsx";
import { ExportLinks, ImportCsv } from "./PlanTransfer.tsx";
import { canEditPlan, useIsoDateFormat, useLocalize } from "./plans.format.ts";
import type { PlanDocument } from "./plans.types.ts";

/** The plan laid out like its document, editable in place. */
export function PlanEditorPage() {
  return <WithPlan>{(plan) => <PlanEditor plan={plan} />}</WithPlan>;
}

function PlanEditor({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const formatDate = useIsoDateFormat();
  const { hash } = useLocation();
  // Links from the timeline and the action step lists point at one item (#item-…).
  useEffect(() => {
    if (hash.startsWith("#item-"))
      document.getElementById(hash.slice(1))?.scrollIntoView({ block: "center" });
  }, [hash]);
  const period =
    plan.periodStart || plan.periodEnd
      ? t("plans.period", {
          start: formatDate(plan.periodStart) || "…",
          end: formatDate(plan.periodEnd) || "…",
        })
      : t("plans.noPeriod");
  return (
    <Page title={plan.title}>
      <PlanEditingProvider plan={plan}>
        <Announcer>
          <PlanNav plan={plan} />
          <div className="plan-summary">
            <p className="plan-summary__meta">
              <span>{localize(plan.template.name)}</span>
              <span>{t("plans.ownedBy", { organization: plan.organizationName })}</span>
              <span>{period}</span>
            </p>
            <p className="plan-summary__tags">
              <span className="usa-tag plan-state">
                {t(`plans.planStatus.${plan.status}`, {
                  // The SIP's own stages (Board approval, negotiation) are named in the SIP catalog.
                  defaultValue: t(`sip.status.${plan.status}`, { defaultValue: plan.status }),
                })}
              </span>
              <AccessTag access={plan.access} />
            </p>
            <ProgressBar progress={plan.progress} label={t("plans.progress.overall")} />
          </div>
          <div className="plan-toolbar">
            <ExportLinks plan={plan} />
            {canEditPlan(plan.access) ? <ImportCsv plan={plan} /> : null}
          </div>
          <SipEditorTop plan={plan} />
          <PlanDetails />
          {plan.template.sections.map((definition) => {
            const section = plan.sections.find((s) => s.key === definition.key);
            if (!section) return null;
            return definition.kind === "fields" ? (
              <FieldsSection key={definition.key} section={section} definition={definition} />
            ) : (
              <ItemsSection key={definition.key} section={section} definition={definition} />
            );
          })}
          <SipEditorBottom plan={plan} />
        </Announcer>
      </PlanEditingProvider>
    </Page>
  );
}
