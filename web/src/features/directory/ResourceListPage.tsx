import "./directory.css";
import { useQueries } from "@tanstack/react-query";
import { Button, Label, Select } from "@trussworks/react-uswds";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "../../app/api.ts";
import type { Locale } from "../../app/types.ts";
import { currentLocale } from "../../i18n/index.ts";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { directoryKeys, type ServiceSummary, useResourceList } from "./directory.api.ts";

/** "MO,TU,WE 09:00–17:00" in the reader's language. */
function localHours(t: TFunction, hours: string): string {
  const [days = "", times = ""] = hours.split(" ");
  if (days === "daily") return `${t("directory.days.daily")} ${times}`;
  return `${days
    .split(",")
    .map((d) => t(`directory.days.${d}`, { defaultValue: d }))
    .join(", ")} ${times}`;
}

/**
 * The services chosen for a family, printable in English or Spanish whatever the screen's language:
 * the labels follow the chosen language; the services' own texts are as the directory has them.
 */
export function ResourceListPage() {
  const { t, i18n } = useTranslation();
  const list = useResourceList();
  const [printLocale, setPrintLocale] = useState<Locale>(currentLocale());
  const services = useQueries({
    queries: list.ids.map((id) => ({
      queryKey: directoryKeys.service(id),
      queryFn: () =>
        api.get<{ summary: ServiceSummary }>(`/api/directory/services/${encodeURIComponent(id)}`),
    })),
  });
  const p = i18n.getFixedT(printLocale) as TFunction;
  const loaded = services.flatMap((s) => (s.data ? [s.data.summary] : []));
  const today = new Intl.DateTimeFormat(printLocale === "es" ? "es-US" : "en-US", {
    dateStyle: "long",
  }).format(new Date());

  return (
    <Page title={t("directory.resourceList.title")} intro={t("directory.resourceList.intro")}>
      <p className="directory-no-print">
        <Link to="/directory" className="usa-link">
          {t("directory.service.back")}
        </Link>
      </p>
      {list.ids.length === 0 ? (
        <EmptyState title={t("directory.resourceList.emptyTitle")}>
          {t("directory.resourceList.emptyBody")}
        </EmptyState>
      ) : (
        <>
          <div className="directory-no-print directory-filters__row">
            <div className="directory-filters__field">
              <Label htmlFor="print-language">{t("directory.resourceList.printLanguage")}</Label>
              <Select
                id="print-language"
                name="printLanguage"
                value={printLocale}
                onChange={(event) => setPrintLocale(event.target.value === "es" ? "es" : "en")}
              >
                <option value="en">English</option>
                <option value="es" lang="es">
                  Español
                </option>
              </Select>
            </div>
            <Button type="button" className="directory-filters__submit" onClick={() => window.print()}>
              {t("directory.resourceList.print")}
            </Button>
            <Button type="button" outline className="directory-filters__submit" onClick={() => list.clear()}>
              {t("directory.resourceList.clear")}
            </Button>
          </div>
          {services.some((s) => s.isPending) ? <Loading /> : null}
          <section className="directory-print" lang={printLocale} aria-labelledby="print-heading">
            <h2 id="print-heading">{p("directory.print.heading")}</h2>
            <p>{p("directory.print.intro", { date: today })}</p>
            <ol className="directory-print__list">
              {loaded.map((s) => (
                <li key={s.id} className="directory-print__item">
                  <h3 className="margin-bottom-05">{s.name}</h3>
                  {s.organization ? (
                    <p className="margin-top-0 text-base-dark">{s.organization.name}</p>
                  ) : null}
                  <p>{s.description}</p>
                  <dl className="directory-facts">
                    {s.phones.length > 0 ? (
                      <>
                        <dt>{p("directory.fields.phone")}</dt>
                        <dd>{s.phones.map((ph) => ph.number).join(", ")}</dd>
                      </>
                    ) : null}
                    {s.locations[0]?.address ? (
                      <>
                        <dt>{p("directory.fields.address")}</dt>
                        <dd>
                          {s.locations
                            .map((l) => l.address)
                            .filter(Boolean)
                            .join("; ")}
                        </dd>
                      </>
                    ) : null}
                    {s.hours.length > 0 ? (
                      <>
                        <dt>{p("directory.fields.hours")}</dt>
                        <dd>{s.hours.map((h) => localHours(p, h)).join("; ")}</dd>
                      </>
                    ) : null}
                    {s.languages.length > 0 ? (
                      <>
                        <dt>{p("directory.fields.languages")}</dt>
                        <dd>{s.languages.join(", ")}</dd>
                      </>
                    ) : null}
                  </dl>
                  <Button
                    type="button"
                    unstyled
                    className="directory-no-print"
                    onClick={() => list.toggle(s.id)}
                  >
                    {t("directory.resourceList.remove", { name: s.name })}
                  </Button>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </Page>
  );
}
