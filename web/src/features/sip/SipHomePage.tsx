import "./sip.css";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSignedInMe } from "../../app/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { usePlans } from "../plans/plans.api.ts";
import { StatusTag } from "./LifeCyclePanel.tsx";
import { isStateReviewer } from "./sip.format.ts";

/** The SIP area: the organization's SIPs, the county's measures, and for state reviewers the review queue. */
export function SipHomePage() {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const plans = usePlans({ q: "", templateKey: "county-sip" });
  const items = plans.data?.items ?? [];
  return (
    <Page title={t("areas.sip.title")} intro={t("areas.sip.description")}>
      <ul className="usa-button-group sip-home-links">
        <li className="usa-button-group__item">
          <Link className="usa-button" to="/sip/measures">
            {t("sip.home.measures")}
          </Link>
        </li>
        {isStateReviewer(me) ? (
          <li className="usa-button-group__item">
            <Link className="usa-button" to="/sip/review">
              {t("sip.home.stateReview")}
            </Link>
          </li>
        ) : null}
        <li className="usa-button-group__item">
          <Link className="usa-button usa-button--outline" to="/plans/new">
            {t("sip.home.newSip")}
          </Link>
        </li>
      </ul>
      <h2>{t("sip.home.plansTitle")}</h2>
      {plans.isPending ? <Loading /> : null}
      {plans.isError ? <ErrorAlert error={plans.error} /> : null}
      {plans.data && items.length === 0 ? <p>{t("sip.home.noPlans")}</p> : null}
      {items.length > 0 ? (
        <ul className="usa-list usa-list--unstyled sip-plan-list">
          {items.map((plan) => (
            <li key={plan.id}>
              <Link className="usa-link" to={`/plans/${plan.id}`}>
                {plan.title}
              </Link>{" "}
              <StatusTag status={plan.status} /> <span>{plan.organizationName}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
