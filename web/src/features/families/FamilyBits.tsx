import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CaseStep, Due, Intensity, Text2 } from "./families.api.ts";

/** Picks the page language's text of an instrument label. */
export function useText2() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage === "es" ? "es" : "en";
  return (text: Text2 | undefined) => (text ? text[lang] : "");
}

/** Formats an ISO calendar date (YYYY-MM-DD) in the page language, without time-zone shifts. */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? "en", {
    dateStyle: "medium",
    timeZone: "UTC",
  });
  return (value: string | null | undefined) =>
    value ? format.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : "—";
}

export function todayIso(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

export const STEPS: CaseStep[] = ["intake", "assessment", "service_plan", "monitoring", "closed"];

export function StepTag({ step }: { step: CaseStep }) {
  const { t } = useTranslation();
  return <span className="usa-tag bg-base-dark">{t(`families.step.${step}`)}</span>;
}

export function IntensityTag({ level }: { level: Intensity | null }) {
  const { t } = useTranslation();
  if (!level) return <span className="text-base-dark">{t("families.intensity.undecided")}</span>;
  return (
    <span className={`usa-tag ${level === "intensive" ? "bg-secondary-dark" : "bg-primary"}`}>
      {t(`families.intensity.${level}`)}
    </span>
  );
}

export function DueText({ due }: { due: Due | null }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  if (!due) return <span>—</span>;
  return due.overdue ? (
    <strong className="text-secondary-darker">
      {t("families.due.overdue", { date: formatDate(due.dueOn), count: due.daysOverdue })}
    </strong>
  ) : (
    <span>{t("families.due.on", { date: formatDate(due.dueOn) })}</span>
  );
}

/**
 * A wide table that scrolls sideways on a phone. The region can take keyboard focus so it can be
 * scrolled without a mouse, and is named for screen readers.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard (WCAG 2.1.1).
    <section className="families-table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
