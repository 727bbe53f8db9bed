import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { activeMembership, useSignedInMe } from "../../app/session.ts";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import type { FamilyDocument } from "../families/families.api.ts";
import { accessReportPdfUrl, familyRecordUrl, useAccessReport } from "./privacy.api.ts";

/** The family's privacy: who saw the record, and everything Trellis holds on them. */
export function PrivacySection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const membership = activeMembership(useSignedInMe());
  // The side navigation shows Admin to administrators only; privacy officers find their reviews here.
  const reviews =
    membership?.role === "admin" || membership?.capabilities.includes("privacy_officer") === true;
  return (
    <section className="families-section" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t("privacy.family.heading")}</h2>
      {reviews ? (
        <p className="families-no-print">
          <Link to="/admin/break-glass" className="usa-link">
            {t("privacy.family.reviewLink")}
          </Link>
        </p>
      ) : null}
      <AccessReport familyId={family.id} />
      <h3>{t("privacy.family.exportHeading")}</h3>
      <p>{t("privacy.family.exportIntro")}</p>
      <ul className="usa-list families-no-print">
        <li>
          <a className="usa-link" href={familyRecordUrl(family.id, "pdf", "en")} hrefLang="en">
            {t("privacy.family.recordPdfEn")}
          </a>
        </li>
        <li>
          <a className="usa-link" href={familyRecordUrl(family.id, "pdf", "es")} hrefLang="es">
            {t("privacy.family.recordPdfEs")}
          </a>
        </li>
        <li>
          <a className="usa-link" href={familyRecordUrl(family.id, "json", "en")}>
            {t("privacy.family.recordJson")}
          </a>
        </li>
      </ul>
    </section>
  );
}

function AccessReport({ familyId }: { familyId: string }) {
  const { t, i18n } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const report = useAccessReport(familyId, i18n.resolvedLanguage === "es" ? "es" : "en");
  const items = report.data?.entries ?? [];
  return (
    <>
      <h3>{t("privacy.family.accessHeading")}</h3>
      <p>{t("privacy.family.accessIntro")}</p>
      <p className="consent-links families-no-print">
        <a className="usa-link" href={accessReportPdfUrl(familyId, "en")} hrefLang="en">
          {t("privacy.family.accessPdfEn")}
        </a>
        <a className="usa-link" href={accessReportPdfUrl(familyId, "es")} hrefLang="es">
          {t("privacy.family.accessPdfEs")}
        </a>
      </p>
      {report.isPending ? <Loading /> : null}
      {report.isError ? <ErrorAlert error={report.error} /> : null}
      {report.data && items.length === 0 ? <p>{t("privacy.family.accessNone")}</p> : null}
      {items.length > 0 ? (
        <div className="consent-section-table">
          <table className="usa-table usa-table--stacked-header usa-table--compact width-full">
            <caption>{t("privacy.family.accessCaption", { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("privacy.family.when")}</th>
                <th scope="col">{t("privacy.family.who")}</th>
                <th scope="col">{t("privacy.family.organization")}</th>
                <th scope="col">{t("privacy.family.what")}</th>
                <th scope="col">{t("privacy.family.basis")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <th scope="row" data-label={t("privacy.family.when")}>
                    {formatDateTime(e.occurredAt)}
                  </th>
                  <td data-label={t("privacy.family.who")}>{e.who ?? t("privacy.family.system")}</td>
                  <td data-label={t("privacy.family.organization")}>{e.organizationName ?? "—"}</td>
                  <td data-label={t("privacy.family.what")}>
                    {e.what}
                    {e.outcome === "denied" ? ` (${t("privacy.family.denied")})` : null}
                  </td>
                  <td data-label={t("privacy.family.basis")}>
                    {e.basis ? t(`privacy.basis.${e.basis}`, { defaultValue: e.basis }) : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
