import "./directory.css";
import { Button, Checkbox, Label, Select, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { type ServiceSearch, useResourceList, useServiceSearch, useTaxonomyTerms } from "./directory.api.ts";
import { OpenNowTag, PhoneLinks, ResourceListButton } from "./ServiceBits.tsx";

/** Languages offered as a filter; the API also understands other ISO 639 codes and names. */
const LANGUAGES = ["en", "es", "hmn", "pa", "zh", "vi"] as const;
const RADII = [2, 5, 10, 25, 50] as const;

const numberOrNull = (value: string | null) => {
  if (value === null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/** Search services by words, category, language, distance and opening hours. */
export function DirectorySearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search: ServiceSearch = {
    q: params.get("q") ?? "",
    taxonomyTermId: params.get("category") ?? "",
    language: params.get("language") ?? "",
    openNow: params.get("openNow") === "true",
    lat: numberOrNull(params.get("lat")),
    lng: numberOrNull(params.get("lng")),
    radiusKm: numberOrNull(params.get("radius")) ?? 10,
    page: numberOrNull(params.get("page")) ?? 1,
  };
  const [text, setText] = useState(search.q);
  const [locating, setLocating] = useState<"idle" | "busy" | "failed">("idle");
  const results = useServiceSearch(search);
  const terms = useTaxonomyTerms();
  const resourceList = useResourceList();

  function apply(next: Record<string, string | null>) {
    const merged: Record<string, string | null> = {
      q: search.q,
      category: search.taxonomyTermId,
      language: search.language,
      openNow: search.openNow ? "true" : null,
      lat: search.lat === null ? null : String(search.lat),
      lng: search.lng === null ? null : String(search.lng),
      radius: search.lat === null ? null : String(search.radiusKm),
      page: null,
      ...next,
    };
    setParams(
      new URLSearchParams(
        Object.entries(merged).filter((e): e is [string, string] => e[1] !== null && e[1] !== ""),
      ),
      { replace: true },
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply({ q: text.trim() });
  }

  function locateMe() {
    if (!("geolocation" in navigator)) {
      setLocating("failed");
      return;
    }
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating("idle");
        apply({
          lat: position.coords.latitude.toFixed(5),
          lng: position.coords.longitude.toFixed(5),
          radius: String(search.radiusKm),
        });
      },
      () => setLocating("failed"),
      { timeout: 10_000 },
    );
  }

  const page = results.data;
  return (
    <Page title={t("directory.title")} intro={t("areas.directory.description")}>
      <p>
        <Link to="/directory/resource-list" className="usa-link">
          {t("directory.resourceList.link", { count: resourceList.ids.length })}
        </Link>
      </p>
      <search className="directory-filters" aria-label={t("directory.filters.label")}>
        <form onSubmit={submit}>
          <div className="directory-filters__row">
            <div className="directory-filters__field directory-filters__field--wide">
              <Label htmlFor="directory-q">{t("directory.filters.search")}</Label>
              <span className="usa-hint" id="directory-q-hint">
                {t("directory.filters.searchHint")}
              </span>
              <TextInput
                id="directory-q"
                name="q"
                type="search"
                value={text}
                aria-describedby="directory-q-hint"
                onChange={(event) => setText(event.target.value)}
              />
            </div>
            <Button type="submit" className="directory-filters__submit">
              {t("directory.filters.submit")}
            </Button>
          </div>
          <div className="directory-filters__row">
            <div className="directory-filters__field">
              <Label htmlFor="directory-category">{t("directory.filters.category")}</Label>
              <Select
                id="directory-category"
                name="category"
                value={search.taxonomyTermId}
                onChange={(event) => apply({ category: event.target.value, q: text.trim() })}
              >
                <option value="">{t("directory.filters.anyCategory")}</option>
                {(terms.data?.items ?? []).map((term) => (
                  <option key={term.id} value={term.id}>
                    {t("directory.filters.categoryOption", { name: term.name, count: term.services })}
                  </option>
                ))}
              </Select>
            </div>
            <div className="directory-filters__field">
              <Label htmlFor="directory-language">{t("directory.filters.language")}</Label>
              <Select
                id="directory-language"
                name="language"
                value={search.language}
                onChange={(event) => apply({ language: event.target.value, q: text.trim() })}
              >
                <option value="">{t("directory.filters.anyLanguage")}</option>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {t(`directory.languages.${code}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="directory-filters__field">
              <Label htmlFor="directory-radius">{t("directory.filters.distance")}</Label>
              <Select
                id="directory-radius"
                name="radius"
                value={search.lat === null ? "" : String(search.radiusKm)}
                onChange={(event) =>
                  event.target.value === ""
                    ? apply({ lat: null, lng: null, radius: null, q: text.trim() })
                    : search.lat === null
                      ? locateMe()
                      : apply({ radius: event.target.value, q: text.trim() })
                }
              >
                <option value="">{t("directory.filters.anyDistance")}</option>
                {RADII.map((km) => (
                  <option key={km} value={km}>
                    {t("directory.filters.withinKm", { km })}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          <div className="directory-filters__row">
            <Checkbox
              id="directory-open-now"
              name="openNow"
              label={t("directory.filters.openNow")}
              checked={search.openNow}
              onChange={(event) => apply({ openNow: event.target.checked ? "true" : null, q: text.trim() })}
            />
            <Button type="button" unstyled className="directory-locate" onClick={locateMe}>
              {search.lat === null
                ? t("directory.filters.useMyLocation")
                : t("directory.filters.updateMyLocation")}
            </Button>
            {locating === "busy" ? <span role="status">{t("directory.filters.locating")}</span> : null}
            {locating === "failed" ? (
              <span role="alert" className="text-secondary-dark">
                {t("directory.filters.locationFailed")}
              </span>
            ) : null}
          </div>
        </form>
      </search>
      {results.isPending ? <Loading /> : null}
      {results.isError ? <ErrorAlert error={results.error} /> : null}
      {page?.empty ? (
        <EmptyState title={t("directory.empty.title")}>{t("directory.empty.body")}</EmptyState>
      ) : null}
      {page && !page.empty ? (
        <section aria-labelledby="directory-results">
          <h2 id="directory-results" className="font-heading-lg">
            {t("directory.results.heading", { count: page.total_items })}
          </h2>
          <ul className="usa-card-group directory-results">
            {page.contents.map((service) => (
              <li key={service.id} className="usa-card directory-result">
                <div className="usa-card__container">
                  <div className="usa-card__header">
                    <h3 className="usa-card__heading">
                      <Link to={`/directory/services/${service.id}`} className="usa-link">
                        {service.name}
                      </Link>
                    </h3>
                    <p className="margin-0 text-base-dark">{service.organization?.name}</p>
                  </div>
                  <div className="usa-card__body">
                    <p>
                      <OpenNowTag openNow={service.openNow} />
                      {service.taxonomyTerms.map((term) => (
                        <span key={term.id} className="usa-tag directory-tag directory-tag--term">
                          {term.name}
                        </span>
                      ))}
                    </p>
                    <p>{service.description}</p>
                    <dl className="directory-facts">
                      {service.phones.length > 0 ? (
                        <>
                          <dt>{t("directory.fields.phone")}</dt>
                          <dd>
                            <PhoneLinks phones={service.phones} />
                          </dd>
                        </>
                      ) : null}
                      {service.locations[0]?.address ? (
                        <>
                          <dt>{t("directory.fields.address")}</dt>
                          <dd>
                            {service.locations[0].address}
                            {service.locations[0].distanceKm !== null
                              ? ` (${t("directory.results.distance", { km: service.locations[0].distanceKm })})`
                              : ""}
                          </dd>
                        </>
                      ) : null}
                      {service.languages.length > 0 ? (
                        <>
                          <dt>{t("directory.fields.languages")}</dt>
                          <dd>{service.languages.join(", ")}</dd>
                        </>
                      ) : null}
                    </dl>
                  </div>
                  <div className="usa-card__footer">
                    <ResourceListButton service={service} />
                  </div>
                </div>
              </li>
            ))}
          </ul>
          {page.total_pages > 1 ? (
            <nav aria-label={t("directory.results.pages")} className="directory-pager">
              <Button
                type="button"
                outline
                disabled={page.first_page}
                onClick={() => apply({ page: String(page.page_number - 1) })}
              >
                {t("directory.results.previous")}
              </Button>
              <span>
                {t("directory.results.pageOf", { page: page.page_number, pages: page.total_pages })}
              </span>
              <Button
                type="button"
                outline
                disabled={page.last_page}
                onClick={() => apply({ page: String(page.page_number + 1) })}
              >
                {t("directory.results.next")}
              </Button>
            </nav>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}
