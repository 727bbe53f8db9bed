import "./plans.css";
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { activeMembership, useSignedInMe } from "../../app/session.ts";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { DueMarker, ProgressBar } from "./PlanBits.tsx";
import { usePlans, useTemplates } from "./plans.api.ts";
import { useLocalize } from "./plans.format.ts";

/** Plans of the organization and those shared with it, searchable, with progress and overdue counts. */
export function PlansListPage() {
  const { t } = useTranslation();
  const localize = useLocalize();
  const formatDateTime = useDateTimeFormat();
  const me = useSignedInMe();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const templateKey = params.get("template") ?? "";
  const [search, setSearch] = useState(q);
  const plans = usePlans({ q, templateKey });
  const templates = useTemplates();
  const canCreate = (activeMembership(me)?.role ?? "viewer") !== "viewer";

  function apply(next: { q?: string; template?: string }) {
    const merged = { q, template: templateKey, ...next };
    const entries = Object.entries(merged).filter(([, value]) => value !== "");
    setParams(new URLSearchParams(entries), { replace: true });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply({ q: search.trim() });
  }

  return (
    <Page title={t("plans.title")} intro={t("areas.plans.description")}>
      {canCreate ? (
        <p>
          <Link to="/plans/new" className="usa-button">
            {t("plans.new.button")}
          </Link>
        </p>
      ) : null}
      <search className="plan-filters" aria-label={t("plans.filters.label")}>
        <form onSubmit={submit} className="plan-filters__row">
          <div className="plan-filters__field">
            <Label htmlFor="plan-search">{t("plans.filters.search")}</Label>
            <span className="usa-hint" id="plan-search-hint">
              {t("plans.filters.searchHint")}
            </span>
            <TextInput
              id="plan-search"
              name="q"
              type="search"
              value={search}
              aria-describedby="plan-search-hint"
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <div className="plan-filters__field">
            <Label htmlFor="plan-template">{t("plans.filters.template")}</Label>
            <Select
              id="plan-template"
              name="template"
              value={templateKey}
              onChange={(event) => apply({ template: event.target.value, q: search.trim() })}
            >
              <option value="">{t("plans.filters.allTemplates")}</option>
              {(templates.data?.items ?? []).map((template) => (
                <option key={template.key} value={template.key}>
                  {localize(template.name)}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" className="plan-filters__submit">
            {t("plans.filters.submit")}
          </Button>
        </form>
      </search>
      {plans.isPending ? <Loading /> : null}
      {plans.isError ? <ErrorAlert error={plans.error} /> : null}
      {plans.data && plans.data.items.length === 0 ? (
        <EmptyState title={t("plans.empty.title")}>
          {q || templateKey ? t("plans.empty.filtered") : t("plans.empty.body")}
        </EmptyState>
      ) : null}
      {plans.data && plans.data.items.length > 0 ? (
        <div className="plan-list">
          <table className="usa-table usa-table--stacked-header plan-list__table">
            <caption id="plans-caption">
              {t("plans.list.caption", { count: plans.data.items.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("plans.list.plan")}</th>
                <th scope="col">{t("plans.list.template")}</th>
                <th scope="col">{t("plans.list.owner")}</th>
                <th scope="col">{t("plans.list.progress")}</th>
                <th scope="col">{t("plans.list.overdue")}</th>
                <th scope="col">{t("plans.list.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {plans.data.items.map((plan) => (
                <tr key={plan.id}>
                  <th scope="row" data-label={t("plans.list.plan")}>
                    <Link to={`/plans/${plan.id}`} className="usa-link">
                      {plan.title}
                    </Link>
                    {plan.shared ? (
                      <span className="usa-tag plan-shared margin-left-1">{t("plans.list.shared")}</span>
                    ) : null}
                  </th>
                  <td data-label={t("plans.list.template")}>{localize(plan.templateName)}</td>
                  <td data-label={t("plans.list.owner")}>{plan.organizationName}</td>
                  <td data-label={t("plans.list.progress")}>
                    <ProgressBar progress={plan.progress} />
                  </td>
                  <td data-label={t("plans.list.overdue")}>
                    {plan.overdue > 0 ? (
                      <>
                        <DueMarker state="overdue" />
                        <span className="display-block">
                          {t("plans.list.overdueCount", { count: plan.overdue })}
                        </span>
                      </>
                    ) : (
                      t("plans.list.noneOverdue")
                    )}
                  </td>
                  <td data-label={t("plans.list.updated")}>{formatDateTime(plan.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
