import "./plans.css";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Page } from "../../ui/Page.tsx";
import { EmptyState } from "../../ui/StatusMessages.tsx";
import { DueMarker, StatusTag } from "./PlanBits.tsx";
import { PlanNav, WithPlan } from "./PlanFrame.tsx";
import {
  itemHeading,
  itemName,
  type Localize,
  levelOf,
  useIsoDateFormat,
  useLocalize,
  usePageLocale,
  walkPlan,
} from "./plans.format.ts";
import type { DueState, ItemStatus, PlanDocument } from "./plans.types.ts";

interface Dated {
  id: string;
  date: string;
  name: string;
  title: string;
  partOf: string;
  status: ItemStatus | null;
  dueState: DueState;
  dateLabel: string;
}

const MIN_MONTHS = 12;
const MAX_MONTHS = 60;

/** Every item with a due or target date, in date order. */
function datedItems(plan: PlanDocument, localize: Localize, defaultDateLabel: string): Dated[] {
  const out: Dated[] = [];
  for (const { item, parent } of walkPlan(plan)) {
    if (!item.dueDate) continue;
    const level = levelOf(plan.template, item.level);
    const parentLevel = parent ? levelOf(plan.template, parent.level) : undefined;
    out.push({
      id: item.id,
      date: item.dueDate,
      name: level ? itemName(localize, level, item) : "",
      title: item.title,
      partOf: parent && parentLevel ? itemHeading(localize, parentLevel, parent) : "",
      status: item.status,
      dueState: item.dueState,
      dateLabel: localize(level?.dueDateLabel) || defaultDateLabel,
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}

/** Months from the plan period (or the dates themselves), at least 12 and at most 60. */
function monthRange(plan: PlanDocument, dates: string[]): string[] {
  const months = dates.map((date) => date.slice(0, 7)).sort();
  const candidatesStart = [plan.periodStart?.slice(0, 7), months[0]].filter((m): m is string => Boolean(m));
  const candidatesEnd = [plan.periodEnd?.slice(0, 7), months[months.length - 1]].filter((m): m is string =>
    Boolean(m),
  );
  const first = candidatesStart.sort()[0] ?? new Date().toISOString().slice(0, 7);
  const last = candidatesEnd.sort().reverse()[0] ?? first;
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  const range: string[] = [];
  while (range.length < MAX_MONTHS) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    range.push(key);
    if (key >= last && range.length >= MIN_MONTHS) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return range;
}

export function TimelinePage() {
  return <WithPlan>{(plan) => <Timeline plan={plan} />}</WithPlan>;
}

function Timeline({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const locale = usePageLocale();
  const formatDate = useIsoDateFormat();
  const items = datedItems(plan, localize, t("plans.columns.dueDate"));
  const months = monthRange(
    plan,
    items.map((item) => item.date),
  );
  const monthName = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  const outside = items.filter((item) => !months.includes(item.date.slice(0, 7)));

  return (
    <Page title={t("plans.timeline.title", { plan: plan.title })}>
      <PlanNav plan={plan} />
      {items.length === 0 ? (
        <EmptyState title={t("plans.timeline.emptyTitle")}>{t("plans.timeline.empty")}</EmptyState>
      ) : (
        <>
          <h2>{t("plans.timeline.stripHeading")}</h2>
          <p>{t("plans.timeline.stripIntro")}</p>
          <ul className="plan-legend" aria-label={t("plans.timeline.legend")}>
            {(["not_started", "in_progress", "completed", "deferred", "dropped"] as const).map((status) => (
              <li key={status}>
                <StatusTag status={status} />
              </li>
            ))}
          </ul>
          {/* The strip is a picture of the table below, which carries the same data for every reader. */}
          <div className="plan-strip" aria-hidden="true">
            <div
              className="plan-strip__months"
              style={{ gridTemplateColumns: `repeat(${months.length}, 11rem)` }}
            >
              {months.map((month) => (
                <div key={month} className="plan-strip__month">
                  <div className="plan-strip__label">
                    {monthName.format(new Date(`${month}-01T00:00:00Z`))}
                  </div>
                  {items
                    .filter((item) => item.date.startsWith(month))
                    .map((item) => (
                      <div
                        key={item.id}
                        className={`plan-marker plan-marker--${item.status ?? "none"}${item.dueState === "overdue" ? " plan-marker--overdue" : ""}`}
                      >
                        <span className="plan-marker__name">
                          {item.name} · {formatDate(item.date)}
                        </span>
                        <span className="plan-marker__title">{item.title}</span>
                        <span className="plan-marker__status">
                          {item.status ? t(`plans.status.${item.status}`) : item.dateLabel}
                          {item.dueState === "overdue" ? ` · ${t("plans.due.overdue")}` : ""}
                        </span>
                      </div>
                    ))}
                </div>
              ))}
            </div>
          </div>
          {outside.length > 0 ? <p>{t("plans.timeline.outside", { count: outside.length })}</p> : null}
          <h2 id="timeline-list-heading">{t("plans.timeline.listHeading")}</h2>
          <table className="usa-table usa-table--stacked-header plan-timeline-table">
            <caption className="usa-sr-only">{t("plans.timeline.listHeading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("plans.timeline.date")}</th>
                <th scope="col">{t("plans.timeline.item")}</th>
                <th scope="col">{t("plans.timeline.partOf")}</th>
                <th scope="col">{t("plans.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td data-label={t("plans.timeline.date")}>
                    <span className="display-block">{formatDate(item.date)}</span>
                    <span className="display-block text-base-dark font-body-3xs">{item.dateLabel}</span>
                    <DueMarker state={item.dueState} />
                  </td>
                  <th scope="row" data-label={t("plans.timeline.item")}>
                    <Link to={`/plans/${plan.id}#item-${item.id}`} className="usa-link">
                      {item.name}
                    </Link>
                    <span className="display-block text-normal">{item.title}</span>
                  </th>
                  <td data-label={t("plans.timeline.partOf")}>{item.partOf || "—"}</td>
                  <td data-label={t("plans.columns.status")}>
                    {item.status ? <StatusTag status={item.status} /> : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}
