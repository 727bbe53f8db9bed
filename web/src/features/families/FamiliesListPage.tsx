import "./families.css";
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { DueText, IntensityTag, StepTag } from "./FamilyBits.tsx";
import { useFamilies } from "./families.api.ts";

/** Families served by the organization, searchable by name, date of birth or phone. */
export function FamiliesListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get("q") ?? "",
    dateOfBirth: params.get("dateOfBirth") ?? "",
    phone: params.get("phone") ?? "",
    status: params.get("status") ?? "open",
  };
  const [form, setForm] = useState(filters);
  const families = useFamilies(filters);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const entries = Object.entries({ ...form, q: form.q.trim(), phone: form.phone.trim() }).filter(
      ([, v]) => v !== "",
    );
    setParams(new URLSearchParams(entries), { replace: true });
  }

  return (
    <Page title={t("families.list.title")} intro={t("families.list.intro")}>
      <div className="families-actions">
        <Link to="/families/new" className="usa-button">
          {t("families.list.newFamily")}
        </Link>
        <Link to="/caseload" className="usa-link">
          {t("families.caseload.title")}
        </Link>
      </div>
      <search aria-label={t("families.list.searchLabel")}>
        <form onSubmit={submit} className="grid-row grid-gap-2 flex-align-end margin-y-2">
          <div className="tablet:grid-col-4 grid-col-12">
            <Label htmlFor="family-q">{t("families.list.name")}</Label>
            <TextInput
              id="family-q"
              name="q"
              type="search"
              value={form.q}
              onChange={(e) => setForm({ ...form, q: e.target.value })}
            />
          </div>
          <div className="tablet:grid-col-2 grid-col-12">
            <Label htmlFor="family-dob">{t("families.list.dateOfBirth")}</Label>
            <input
              id="family-dob"
              name="dateOfBirth"
              type="date"
              className="usa-input"
              value={form.dateOfBirth}
              onChange={(e) => setForm({ ...form, dateOfBirth: e.target.value })}
            />
          </div>
          <div className="tablet:grid-col-2 grid-col-12">
            <Label htmlFor="family-phone">{t("families.list.phone")}</Label>
            <TextInput
              id="family-phone"
              name="phone"
              type="tel"
              value={form.phone}
              onChange={(e) => setForm({ ...form, phone: e.target.value })}
            />
          </div>
          <div className="tablet:grid-col-2 grid-col-12">
            <Label htmlFor="family-status">{t("families.list.status")}</Label>
            <Select
              id="family-status"
              name="status"
              value={form.status}
              onChange={(e) => setForm({ ...form, status: e.target.value })}
            >
              <option value="open">{t("families.status.open")}</option>
              <option value="closed">{t("families.status.closed")}</option>
              <option value="all">{t("families.status.all")}</option>
            </Select>
          </div>
          <div className="tablet:grid-col-2 grid-col-12">
            <Button type="submit">{t("families.list.search")}</Button>
          </div>
        </form>
      </search>
      {families.isPending ? <Loading /> : null}
      {families.isError ? <ErrorAlert error={families.error} /> : null}
      {families.data && families.data.items.length === 0 ? (
        <EmptyState title={t("families.list.empty")}>{t("families.list.emptyBody")}</EmptyState>
      ) : null}
      {families.data && families.data.items.length > 0 ? (
        <table className="usa-table usa-table--stacked-header width-full">
          <caption>{t("families.list.caption", { count: families.data.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("families.list.family")}</th>
              <th scope="col">{t("families.list.step")}</th>
              <th scope="col">{t("families.list.intensity")}</th>
              <th scope="col">{t("families.list.caseManager")}</th>
              <th scope="col">{t("families.list.nextContact")}</th>
            </tr>
          </thead>
          <tbody>
            {families.data.items.map((f) => (
              <tr key={f.id}>
                <th scope="row" data-label={t("families.list.family")}>
                  <Link to={`/families/${f.id}`} className="usa-link">
                    {f.displayName}
                  </Link>
                  <div className="font-body-3xs text-base-dark">{f.memberNames.join(", ")}</div>
                  {f.childrenUnderFive > 0 ? (
                    <span className="usa-tag bg-accent-cool-darker margin-top-05 margin-right-05">
                      {t("families.list.underFive", { count: f.childrenUnderFive })}
                    </span>
                  ) : null}
                  {f.inCrisis ? (
                    <span className="usa-tag bg-secondary-darker margin-top-05">
                      {t("families.crisis.tag")}
                    </span>
                  ) : null}
                </th>
                <td data-label={t("families.list.step")}>
                  <StepTag step={f.step} />
                </td>
                <td data-label={t("families.list.intensity")}>
                  <IntensityTag level={f.intensity} />
                </td>
                <td data-label={t("families.list.caseManager")}>{f.caseManagerName ?? "—"}</td>
                <td data-label={t("families.list.nextContact")}>
                  <DueText due={f.contactDue} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
