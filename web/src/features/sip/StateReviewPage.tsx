import "./sip.css";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { StatusTag } from "./LifeCyclePanel.tsx";
import { useSubmittedSips } from "./sip.api.ts";
import { useTimestampFormat } from "./sip.format.ts";
import { TableWrap } from "./TableWrap.tsx";

/** State reviewers: the submitted SIPs of every county, with their review status. */
export function StateReviewPage() {
  const { t } = useTranslation();
  const sips = useSubmittedSips();
  const formatTime = useTimestampFormat();
  const items = sips.data?.items ?? [];
  return (
    <Page title={t("sip.stateReview.title")} intro={t("sip.stateReview.intro")}>
      <p>
        <Link className="usa-link" to="/sip">
          {t("sip.backToSip")}
        </Link>
      </p>
      {sips.isPending ? <Loading /> : null}
      {sips.isError ? <ErrorAlert error={sips.error} /> : null}
      {sips.data && items.length === 0 ? (
        <EmptyState title={t("sip.stateReview.emptyTitle")}>{t("sip.stateReview.empty")}</EmptyState>
      ) : null}
      {items.length > 0 ? (
        <TableWrap label={t("sip.stateReview.caption")}>
          <table className="usa-table usa-table--borderless usa-table--stacked sip-table">
            <caption className="usa-sr-only">{t("sip.stateReview.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sip.stateReview.county")}</th>
                <th scope="col">{t("sip.stateReview.plan")}</th>
                <th scope="col">{t("sip.stateReview.status")}</th>
                <th scope="col">{t("sip.stateReview.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((sip) => (
                <tr key={sip.id}>
                  <th scope="row" data-label={t("sip.stateReview.county")}>
                    {sip.county}
                    <span className="display-block">{sip.organizationName}</span>
                  </th>
                  <td data-label={t("sip.stateReview.plan")}>
                    <Link className="usa-link" to={`/plans/${sip.id}/review`}>
                      {sip.title}
                    </Link>
                  </td>
                  <td data-label={t("sip.stateReview.status")}>
                    <StatusTag status={sip.status} />
                  </td>
                  <td data-label={t("sip.stateReview.updated")}>{formatTime(sip.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </Page>
  );
}
