import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Referral, ReferralStatus } from "./referrals.api.ts";

const TAG_CLASS: Record<ReferralStatus, string> = {
  sent: "bg-primary",
  accepted: "bg-accent-cool-darker",
  declined: "bg-secondary-darker",
  completed: "bg-green",
  not_completed: "bg-base-darker",
  cancelled: "bg-base-dark",
};

export function StatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return <span className={`usa-tag ${TAG_CLASS[status]}`}>{t(`referrals.status.${status}`)}</span>;
}

export function useDateTimeFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? "en", {
    dateStyle: "medium",
    timeStyle: "short",
  });
  return (value: string | null | undefined) => (value ? format.format(new Date(value)) : "—");
}

/** Every change of status, with who made it from which side and why: both sides see the same history. */
export function ReferralHistory({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  return (
    <ol className="usa-list referrals-history" aria-label={t("referrals.detail.history")}>
      {referral.history.map((event) => (
        <li key={`${event.occurredAt}-${event.toStatus}`}>
          <StatusTag status={event.toStatus} /> {formatDateTime(event.occurredAt)} ·{" "}
          {t(`referrals.side.${event.side}`)}
          {event.actorName ? ` (${event.actorName})` : ""}
          {event.note ? <div className="referrals-note">{event.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** A wide table that scrolls sideways on small screens; focusable so keyboard users can scroll it. */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard (WCAG 2.1.1).
    <section className="referrals-table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
