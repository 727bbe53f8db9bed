import "./plans.css";
import { Button } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../app/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { useAnnounce } from "./Announcer.tsx";
import { DueMarker, StatusTag } from "./PlanBits.tsx";
import { useQuickStatus } from "./plans.api.ts";
import { useIsoDateFormat } from "./plans.format.ts";
import type { TrackedItem } from "./plans.types.ts";

/**
 * Action steps from many plans, with the one-click status changes people make most: start it, finish it.
 * `withStatusChange` is off for lists of other people's work.
 */
export function TrackedItemsTable({
  items,
  caption,
  withStatusChange,
  hideCaption = false,
}: {
  items: TrackedItem[];
  caption: string;
  withStatusChange: boolean;
  hideCaption?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <table className="usa-table usa-table--stacked-header plan-tracked">
      <caption className={hideCaption ? "usa-sr-only" : undefined}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("plans.tracked.step")}</th>
          <th scope="col">{t("plans.tracked.plan")}</th>
          <th scope="col">{t("plans.tracked.assignee")}</th>
          <th scope="col">{t("plans.columns.dueDate")}</th>
          <th scope="col">{t("plans.columns.status")}</th>
          {withStatusChange ? (
            <th scope="col">
              <span className="usa-sr-only">{t("plans.tracked.change")}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <TrackedRow key={item.id} item={item} withStatusChange={withStatusChange} />
        ))}
      </tbody>
    </table>
  );
}

function TrackedRow({ item, withStatusChange }: { item: TrackedItem; withStatusChange: boolean }) {
  const { t } = useTranslation();
  const formatDate = useIsoDateFormat();
  const quick = useQuickStatus();
  const announce = useAnnounce();
  const change = (status: "in_progress" | "completed") =>
    quick.mutate(
      { item, status },
      {
        onSuccess: () =>
          announce(t("plans.tracked.changed", { title: item.title, status: t(`plans.status.${status}`) })),
        onError: (error) => announce(errorMessage(t, error)),
      },
    );
  const open = item.status !== "completed" && item.status !== "dropped";
  return (
    <tr className={item.dueState === "overdue" ? "plan-row--overdue" : undefined}>
      <th scope="row" data-label={t("plans.tracked.step")}>
        <Link to={`/plans/${item.planId}#item-${item.id}`} className="usa-link">
          {item.title}
        </Link>
        {item.parentTitle ? (
          <span className="display-block text-normal text-base-dark font-body-3xs plan-tracked__parent">
            {t("plans.tracked.partOf", { parent: item.parentTitle })}
          </span>
        ) : null}
      </th>
      <td data-label={t("plans.tracked.plan")}>
        <Link to={`/plans/${item.planId}`} className="usa-link">
          {item.planTitle}
        </Link>
      </td>
      <td data-label={t("plans.tracked.assignee")}>{item.assigneeDisplay || "—"}</td>
      <td data-label={t("plans.columns.dueDate")}>
        <span className="display-block">{formatDate(item.dueDate) || item.timeframe || "—"}</span>
        <DueMarker state={item.dueState} />
      </td>
      <td data-label={t("plans.columns.status")}>
        <StatusTag status={item.status ?? "not_started"} />
      </td>
      {withStatusChange ? (
        <td data-label={t("plans.tracked.change")}>
          <div className="plan-quick">
            {open && item.status !== "in_progress" ? (
              <Button
                type="button"
                outline
                className="margin-0"
                disabled={quick.isPending}
                onClick={() => change("in_progress")}
              >
                {t("plans.tracked.start")}
                <span className="usa-sr-only">: {item.title}</span>
              </Button>
            ) : null}
            {open ? (
              <Button
                type="button"
                className="margin-0"
                disabled={quick.isPending}
                onClick={() => change("completed")}
              >
                {t("plans.tracked.complete")}
                <span className="usa-sr-only">: {item.title}</span>
              </Button>
            ) : null}
          </div>
          {quick.isError ? (
            <p className="plan-cell__error margin-y-05">
              {isApiError(quick.error, "conflict.stale_version")
                ? t("plans.tracked.conflict")
                : errorMessage(t, quick.error)}
            </p>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
