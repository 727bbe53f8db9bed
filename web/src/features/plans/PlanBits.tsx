import { Icon } from "@trussworks/react-uswds";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DueState, ItemStatus, PlanAccess, Progress } from "./plans.types.ts";

/** A status chip: the colour helps, the word says it. */
export function StatusTag({ status }: { status: ItemStatus | null }) {
  const { t } = useTranslation();
  if (!status) return null;
  return <span className={`usa-tag plan-status plan-status--${status}`}>{t(`plans.status.${status}`)}</span>;
}

/** Overdue and due-soon markers: an icon and a word, never colour alone. */
export function DueMarker({ state }: { state: DueState }) {
  const { t } = useTranslation();
  if (state === "overdue") {
    return (
      <span className="plan-due plan-due--overdue">
        <Icon.Warning aria-hidden="true" focusable={false} />
        {t("plans.due.overdue")}
      </span>
    );
  }
  if (state === "due_soon") {
    return (
      <span className="plan-due plan-due--soon">
        <Icon.Schedule aria-hidden="true" focusable={false} />
        {t("plans.due.dueSoon")}
      </span>
    );
  }
  return null;
}

/** A bar with its value in words beside it; the bar itself is decoration. */
export function ProgressBar({ progress, label }: { progress: Progress; label?: string }) {
  const { t } = useTranslation();
  const text =
    progress.percent === null
      ? t("plans.progress.none")
      : t("plans.progress.value", {
          percent: progress.percent,
          completed: progress.completed,
          total: progress.total,
        });
  return (
    <div className="plan-progress">
      <div className="plan-progress__track" aria-hidden="true">
        <div className="plan-progress__bar" style={{ width: `${progress.percent ?? 0}%` }} />
      </div>
      <span className="plan-progress__text">{label ? `${label}: ${text}` : text}</span>
    </div>
  );
}

export function AccessTag({ access }: { access: PlanAccess }) {
  const { t } = useTranslation();
  return <span className="usa-tag plan-access">{t(`plans.access.${access}`)}</span>;
}

/** A heading whose level follows the nesting of the plan (h2 for sections, deeper for items). */
export function Heading({
  level,
  id,
  className,
  children,
}: {
  level: number;
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  const Tag = `h${Math.min(Math.max(level, 2), 6)}` as "h2";
  return (
    <Tag id={id} className={className}>
      {children}
    </Tag>
  );
}
