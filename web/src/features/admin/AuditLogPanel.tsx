import { Button, Table, Tag } from "@trussworks/react-uswds";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import type { AuditOutcome } from "../../app/types.ts";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { AuditCsvLink, AuditFiltersForm } from "../privacy/AuditFilters.tsx";
import { type AuditSearch, NO_AUDIT_FILTERS, useFilteredAuditEvents } from "../privacy/privacy.api.ts";

// Tag colours chosen for at least 4.5:1 contrast with white text.
const OUTCOME_CLASS: Record<AuditOutcome, string> = {
  success: "bg-green",
  denied: "bg-secondary-dark",
  failure: "bg-gold text-ink",
};

export function AuditLogPanel() {
  const { t } = useTranslation();
  const organizationId = useOutletContext<string>();
  const formatDate = useDateTimeFormat();
  const [filters, setFilters] = useState<AuditSearch>(NO_AUDIT_FILTERS);
  // Cursors of the pages visited so far; the first page has none.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const events = useFilteredAuditEvents(organizationId, filters, cursor);

  function apply(next: AuditSearch) {
    setFilters(next);
    setCursors([null]);
  }

  const pageNumber = cursors.length;
  const nextCursor = events.data?.nextCursor ?? null;

  return (
    <>
      <h2>{t("admin.audit.title")}</h2>
      <p>{t("admin.audit.intro")}</p>
      <AuditFiltersForm initial={filters} onApply={apply} />
      <AuditCsvLink filters={filters} />

      {events.isPending ? <Loading /> : null}
      {events.isError ? <ErrorAlert error={events.error} /> : null}
      {events.data && events.data.items.length === 0 ? (
        <EmptyState>{t("admin.audit.empty")}</EmptyState>
      ) : null}
      {events.data && events.data.items.length > 0 ? (
        <Table
          fullWidth
          striped
          scrollable
          stackedStyle="default"
          className="audit-table"
          caption={t("admin.audit.caption", { page: pageNumber })}
        >
          <thead>
            <tr>
              <th scope="col">{t("admin.audit.when")}</th>
              <th scope="col">{t("admin.audit.actor")}</th>
              <th scope="col">{t("admin.audit.actionAndOutcome")}</th>
              <th scope="col">{t("admin.audit.resource")}</th>
            </tr>
          </thead>
          <tbody>
            {events.data.items.map((event) => (
              <tr key={event.id}>
                <td data-label={t("admin.audit.when")}>{formatDate(event.occurredAt)}</td>
                <td data-label={t("admin.audit.actor")}>
                  {event.actorEmail ?? t("admin.audit.system")}
                  <span className="display-block font-mono-3xs text-base-dark audit-id">
                    <span className="usa-sr-only">{t("admin.audit.source")}: </span>
                    {[event.ip, event.requestId].filter(Boolean).join(" · ") || "—"}
                  </span>
                </td>
                <td data-label={t("admin.audit.actionAndOutcome")}>
                  <code className="font-mono-2xs display-block margin-bottom-05">{event.action}</code>
                  <Tag className={OUTCOME_CLASS[event.outcome]}>
                    {t(`admin.audit.outcomes.${event.outcome}`)}
                  </Tag>
                </td>
                <td data-label={t("admin.audit.resource")}>
                  {event.resourceType ?? "—"}
                  {event.resourceId ? (
                    <span className="display-block font-mono-3xs audit-id">{event.resourceId}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <nav aria-label={t("admin.audit.pagination")} className="margin-top-2">
        <Button
          type="button"
          outline
          disabled={cursors.length <= 1}
          onClick={() => setCursors((stack) => stack.slice(0, -1))}
        >
          {t("admin.audit.previous")}
        </Button>
        <Button
          type="button"
          outline
          disabled={!nextCursor}
          onClick={() => setCursors((stack) => [...stack, nextCursor])}
        >
          {t("admin.audit.next")}
        </Button>
      </nav>
    </>
  );
}
