import "./plans.css";
import { Button, Label, Select } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { CopyField } from "../admin/CopyField.tsx";
import { Announcer } from "./Announcer.tsx";
import {
  type TrackedScope,
  type TrackedState,
  useCalendarFeed,
  useCreateCalendarFeed,
  useMyActionSteps,
} from "./plans.api.ts";
import { TrackedItemsTable } from "./TrackedItems.tsx";

const SCOPES: TrackedScope[] = ["me", "organizations"];
const STATES: TrackedState[] = ["open", "overdue", "due_soon", "all"];

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** Everything assigned to me (or my organizations) across plans, and a calendar feed of the due dates. */
export function MyActionStepsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const scope = pick(params.get("scope"), SCOPES, "me");
  const state = pick(params.get("state"), STATES, "open");
  const steps = useMyActionSteps(scope, state);

  const update = (next: { scope?: TrackedScope; state?: TrackedState }) =>
    setParams(new URLSearchParams({ scope, state, ...next }), { replace: true });

  return (
    <Page title={t("plans.mine.title")} intro={t("plans.mine.intro")}>
      <Announcer>
        <fieldset className="usa-fieldset plan-filters">
          <legend className="usa-sr-only">{t("plans.mine.filters")}</legend>
          <div className="plan-filters__row">
            <div className="plan-filters__field">
              <Label htmlFor="steps-scope">{t("plans.mine.scope")}</Label>
              <Select
                id="steps-scope"
                name="scope"
                value={scope}
                onChange={(event) => update({ scope: event.target.value as TrackedScope })}
              >
                {SCOPES.map((value) => (
                  <option key={value} value={value}>
                    {t(`plans.mine.scopes.${value}`)}
                  </option>
                ))}
              </Select>
            </div>
            <div className="plan-filters__field">
              <Label htmlFor="steps-state">{t("plans.mine.state")}</Label>
              <Select
                id="steps-state"
                name="state"
                value={state}
                onChange={(event) => update({ state: event.target.value as TrackedState })}
              >
                {STATES.map((value) => (
                  <option key={value} value={value}>
                    {t(`plans.mine.states.${value}`)}
                  </option>
                ))}
              </Select>
            </div>
          </div>
        </fieldset>
        {steps.isPending ? <Loading /> : null}
        {steps.isError ? <ErrorAlert error={steps.error} /> : null}
        {steps.data && steps.data.items.length === 0 ? (
          <EmptyState title={t("plans.mine.emptyTitle")}>{t("plans.mine.empty")}</EmptyState>
        ) : null}
        {steps.data && steps.data.items.length > 0 ? (
          <TrackedItemsTable
            items={steps.data.items}
            caption={t("plans.mine.caption", {
              count: steps.data.items.length,
              scope: t(`plans.mine.scopes.${scope}`),
              state: t(`plans.mine.states.${state}`),
            })}
            withStatusChange
          />
        ) : null}
        <CalendarFeed />
      </Announcer>
    </Page>
  );
}

/** A secret iCalendar address of my due dates, shown once; making a new one retires the old one. */
function CalendarFeed() {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const exists = feed.data?.exists === true;
  return (
    <section aria-labelledby="calendar-heading" className="margin-top-5 plan-calendar">
      <h2 id="calendar-heading">{t("plans.calendar.heading")}</h2>
      <p>{t("plans.calendar.intro")}</p>
      {exists && feed.data?.createdAt ? (
        <p>{t("plans.calendar.exists", { date: formatDateTime(feed.data.createdAt) })}</p>
      ) : null}
      {create.isSuccess ? (
        <>
          <CopyField id="calendar-url" label={t("plans.calendar.url")} value={create.data.url} />
          <p>{t("plans.calendar.shownOnce")}</p>
        </>
      ) : (
        <Button
          type="button"
          outline={exists}
          disabled={create.isPending}
          onClick={() => {
            if (exists && !window.confirm(t("plans.calendar.confirmReplace"))) return;
            create.mutate();
          }}
        >
          {exists ? t("plans.calendar.replace") : t("plans.calendar.create")}
        </Button>
      )}
      {create.isError ? <ErrorAlert error={create.error} /> : null}
    </section>
  );
}
