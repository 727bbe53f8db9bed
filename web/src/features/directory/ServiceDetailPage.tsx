import "./directory.css";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { useService } from "./directory.api.ts";
import { OpenNowTag, PhoneLinks, ResourceListButton } from "./ServiceBits.tsx";

/** One service: what a case manager needs to explain it to a family and to call. */
export function ServiceDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const service = useService(id);
  if (service.isPending)
    return (
      <Page title={t("directory.service.loadingTitle")}>
        <Loading />
      </Page>
    );
  if (service.isError) {
    return (
      <Page title={t("directory.service.errorTitle")}>
        <ErrorAlert error={service.error} />
        <Link to="/directory" className="usa-link">
          {t("directory.service.back")}
        </Link>
      </Page>
    );
  }
  const { summary, hsds } = service.data;
  const text: [string, string | undefined][] = [
    [t("directory.fields.eligibility"), hsds.eligibility_description],
    [t("directory.fields.applicationProcess"), hsds.application_process],
    [t("directory.fields.fees"), hsds.fees_description],
    [t("directory.fields.interpretation"), hsds.interpretation_services],
  ];
  const documents = (hsds.required_documents ?? []).map((d) => d.document).filter(Boolean);
  return (
    <Page title={summary.name} intro={summary.organization?.name}>
      <p>
        <Link to="/directory" className="usa-link">
          {t("directory.service.back")}
        </Link>
      </p>
      {hsds.alert ? (
        <div className="usa-alert usa-alert--warning usa-alert--slim">
          <div className="usa-alert__body">
            <p className="usa-alert__text">{hsds.alert}</p>
          </div>
        </div>
      ) : null}
      <p>
        <OpenNowTag openNow={summary.openNow} />
        {summary.taxonomyTerms.map((term) => (
          <span key={term.id} className="usa-tag directory-tag directory-tag--term">
            {term.name}
          </span>
        ))}
      </p>
      {hsds.description ? <p>{hsds.description}</p> : null}
      <ResourceListButton service={summary} />
      <h2>{t("directory.service.contact")}</h2>
      <dl className="directory-facts">
        {summary.phones.length > 0 ? (
          <>
            <dt>{t("directory.fields.phone")}</dt>
            <dd>
              <PhoneLinks phones={summary.phones} />
            </dd>
          </>
        ) : null}
        {summary.email ? (
          <>
            <dt>{t("directory.fields.email")}</dt>
            <dd>
              <a className="usa-link" href={`mailto:${summary.email}`}>
                {summary.email}
              </a>
            </dd>
          </>
        ) : null}
        {summary.url ? (
          <>
            <dt>{t("directory.fields.website")}</dt>
            <dd>
              <a className="usa-link" href={summary.url} rel="noreferrer noopener" target="_blank">
                {summary.url}
              </a>
            </dd>
          </>
        ) : null}
        {summary.hours.length > 0 ? (
          <>
            <dt>{t("directory.fields.hours")}</dt>
            <dd>{summary.hours.join("; ")}</dd>
          </>
        ) : null}
        {summary.languages.length > 0 ? (
          <>
            <dt>{t("directory.fields.languages")}</dt>
            <dd>{summary.languages.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {summary.locations.length > 0 ? (
        <>
          <h2>{t("directory.service.locations")}</h2>
          <ul className="usa-list">
            {summary.locations.map((l) => (
              <li key={l.serviceAtLocationId}>
                <strong>{l.name ?? t("directory.service.unnamedLocation")}</strong>
                {l.address ? `: ${l.address}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {text.some(([, value]) => value) || documents.length > 0 ? (
        <>
          <h2>{t("directory.service.howToGetIt")}</h2>
          <dl className="directory-facts">
            {text
              .filter(([, value]) => value)
              .map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            {documents.length > 0 ? (
              <div>
                <dt>{t("directory.fields.documents")}</dt>
                <dd>{documents.join(", ")}</dd>
              </div>
            ) : null}
          </dl>
        </>
      ) : null}
    </Page>
  );
}
