import "./referrals.css";
import { Checkbox } from "@trussworks/react-uswds";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { ScrollRegion, StatusTag, useDateTimeFormat } from "./ReferralBits.tsx";
import {
  type ProviderFigures,
  type Referral,
  useInboundReferrals,
  useReferralFigures,
  useSentReferrals,
} from "./referrals.api.ts";

/** The referrals of the active organization: the inbound queue, what it sent, and per-provider figures. */
export function ReferralsPage() {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const inbound = useInboundReferrals(showAll ? "all" : "open");
  const sent = useSentReferrals();
  const figures = useReferralFigures();
  // An organization that has neither sent nor ever received a referral sees what the page is for.
  if (sent.data?.items.length === 0 && figures.data && figures.data.asReceiver === null) {
    return (
      <Page title={t("referrals.page.title")} intro={t("referrals.page.intro")}>
        <EmptyState>{t("referrals.page.empty")}</EmptyState>
        <p>
          <Link to="/referrals/providers" className="usa-link">
            {t("referralOutreach.links.manage")}
          </Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t("referrals.page.title")} intro={t("referrals.page.intro")}>
      <p>
        <Link to="/referrals/providers" className="usa-link">
          {t("referralOutreach.links.manage")}
        </Link>
      </p>
      <div>
        <h2 id="inbound-heading">{t("referrals.inbound.heading")}</h2>
        <Checkbox
          id="inbound-all"
          name="inbound-all"
          label={t("referrals.inbound.showAll")}
          checked={showAll}
          onChange={(e) => setShowAll(e.target.checked)}
        />
        {inbound.isPending ? <Loading /> : null}
        {inbound.isError ? <ErrorAlert error={inbound.error} /> : null}
        {inbound.data ? (
          <ReferralTable referrals={inbound.data.items} side="receiver" empty={t("referrals.inbound.none")} />
        ) : null}
      </div>
      <div className="margin-top-4">
        <h2 id="sent-heading">{t("referrals.sent.heading")}</h2>
        {sent.isPending ? <Loading /> : null}
        {sent.isError ? <ErrorAlert error={sent.error} /> : null}
        {sent.data ? (
          <ReferralTable referrals={sent.data.items} side="sender" empty={t("referrals.sent.none")} />
        ) : null}
      </div>
      <div className="margin-top-4">
        <h2 id="figures-heading">{t("referrals.figures.heading")}</h2>
        {figures.isError ? <ErrorAlert error={figures.error} /> : null}
        {figures.data ? (
          <FiguresTable
            rows={[...figures.data.providers, ...(figures.data.asReceiver ? [figures.data.asReceiver] : [])]}
            ownKey={figures.data.asReceiver?.providerKey}
          />
        ) : null}
      </div>
    </Page>
  );
}

function ReferralTable({
  referrals,
  side,
  empty,
}: {
  referrals: Referral[];
  side: "sender" | "receiver";
  empty: string;
}) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  if (referrals.length === 0) return <p>{empty}</p>;
  return (
    <ScrollRegion label={t(`referrals.${side === "receiver" ? "inbound" : "sent"}.heading`)}>
      <table className="usa-table usa-table--borderless usa-table--stacked width-full">
        <thead>
          <tr>
            <th scope="col">{t("referrals.list.service")}</th>
            <th scope="col">{side === "receiver" ? t("referrals.list.from") : t("referrals.list.family")}</th>
            <th scope="col">{t("referrals.list.status")}</th>
            <th scope="col">{t("referrals.list.sent")}</th>
          </tr>
        </thead>
        <tbody>
          {referrals.map((r) => (
            <tr key={r.id}>
              <th scope="row" data-label={t("referrals.list.service")}>
                <Link to={`/referrals/${r.id}`} className="usa-link">
                  {r.service.name}
                </Link>
                {side === "receiver" ? (
                  <div>{r.shared.contactName ?? t("referralOutreach.list.withheld")}</div>
                ) : null}
              </th>
              <td data-label={side === "receiver" ? t("referrals.list.from") : t("referrals.list.family")}>
                {side === "receiver" ? r.senderOrganizationName : (r.family?.displayName ?? "")}
                {side === "sender" ? (
                  <div className="text-base">
                    {r.offTrellis ? t("referrals.list.offTrellis") : (r.receivingOrganizationName ?? "")}
                  </div>
                ) : null}
              </td>
              <td data-label={t("referrals.list.status")}>
                <StatusTag status={r.status} />
              </td>
              <td data-label={t("referrals.list.sent")}>{formatDateTime(r.sentAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function FiguresTable({ rows, ownKey }: { rows: ProviderFigures[]; ownKey: string | undefined }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <p>{t("referrals.figures.none")}</p>;
  const percent = new Intl.NumberFormat(i18n.resolvedLanguage ?? "en", { style: "percent" });
  const hours = new Intl.NumberFormat(i18n.resolvedLanguage ?? "en", { maximumFractionDigits: 1 });
  return (
    <ScrollRegion label={t("referrals.figures.heading")}>
      <table className="usa-table usa-table--borderless usa-table--stacked width-full">
        <thead>
          <tr>
            <th scope="col">{t("referrals.figures.provider")}</th>
            <th scope="col">{t("referrals.figures.sent")}</th>
            <th scope="col">{t("referrals.figures.median")}</th>
            <th scope="col">{t("referrals.figures.acceptance")}</th>
            <th scope="col">{t("referrals.figures.completion")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.providerKey}-${row.providerKey === ownKey ? "own" : "sent"}`}>
              <th scope="row" data-label={t("referrals.figures.provider")}>
                {row.providerKey === ownKey
                  ? t("referrals.figures.asReceiver", { name: row.providerName })
                  : row.providerName}
              </th>
              <td data-label={t("referrals.figures.sent")}>{row.sent}</td>
              <td data-label={t("referrals.figures.median")}>
                {row.medianHoursToAccept === null
                  ? "—"
                  : t("referrals.figures.hours", { value: hours.format(row.medianHoursToAccept) })}
              </td>
              <td data-label={t("referrals.figures.acceptance")}>
                {row.acceptanceRate === null ? "—" : percent.format(row.acceptanceRate)}
              </td>
              <td data-label={t("referrals.figures.completion")}>
                {row.completionRate === null ? "—" : percent.format(row.completionRate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
