import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useParams } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page, usePageTitle } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { usePlan } from "./plans.api.ts";
import type { PlanDocument } from "./plans.types.ts";

/** Loads the plan of the address (/plans/:id/…) and hands it to the page, or says why it cannot. */
export function WithPlan({ children }: { children: (plan: PlanDocument) => ReactNode }) {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const plan = usePlan(id);
  usePageTitle(plan.data?.title ?? t("plans.title"));
  if (plan.isPending) return <Loading />;
  if (plan.isError) {
    return (
      <Page title={t("plans.notAvailable")}>
        <ErrorAlert error={plan.error} />
        <p>
          <Link to="/plans" className="usa-link">
            {t("plans.backToPlans")}
          </Link>
        </p>
      </Page>
    );
  }
  return <>{children(plan.data)}</>;
}

/** Links between the views of one plan: the document, its timeline, history and sharing. */
export function PlanNav({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const base = `/plans/${plan.id}`;
  const links = [
    { to: base, label: t("plans.nav.document"), end: true },
    { to: `${base}/timeline`, label: t("plans.nav.timeline"), end: false },
    { to: `${base}/history`, label: t("plans.nav.history"), end: false },
    ...(plan.templateKey === "county-sip"
      ? [{ to: `${base}/review`, label: t("sip.nav.review"), end: false }]
      : []),
    ...(plan.access === "owner"
      ? [{ to: `${base}/sharing`, label: t("plans.nav.sharing"), end: false }]
      : []),
  ];
  return (
    <nav aria-label={t("plans.nav.label")} className="plan-nav">
      <Link to="/plans" className="usa-link plan-nav__back">
        {t("plans.backToPlans")}
      </Link>
      <ul className="usa-button-group plan-nav__list">
        {links.map((link) => (
          <li key={link.to} className="usa-button-group__item">
            <NavLink
              to={link.to}
              end={link.end}
              className={({ isActive }) => (isActive ? "usa-button" : "usa-button usa-button--outline")}
            >
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
