import { Button, Fieldset, Form, FormGroup, Label, Table, Tag, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useOutletContext } from "react-router";
import type { AuditOutcome } from "../../app/types.ts";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { type AuditFilters, useAuditEvents } from "./admin.api.ts";

const NO_FILTERS: AuditFilters = { action: "", from: "", to: "" };

// Tag colours chosen for at least 4.5:1 contrast with white text.
const OUTCOME_CLASS: Record<AuditOutcome, string> = {
  success: "bg-green",
  denied: "bg-secondary-dark",
  failure: "bg-gold text-ink",
};

function DateField({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <FormGroup className="audit-filters__field">
      <Label htmlFor={id}>{label}</Label>
      <input
        id={id}
        name={id}
        type="date"
        className="usa-input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormGroup>
  );
}

export function AuditLogPanel() {
  const { t } = useTranslation();
  const organizationId = useOutletContext<string>();
  const formatDate = useDateTimeFormat();
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  // Cursors of the pages visited so far; the first page has none.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const events = useAuditEvents(organizationId, filters, cursor);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters({ ...draft });
    setCursors([null]);
  }

  function clear() {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
    setCursors([null]);
  }

  const pageNumber = cursors.length;
  const nextCursor = events.data?.nextCursor ?? null;

  return (
    <>
      <h2>{t("admin.audit.title")}</h2>
      <p>{t("admin.audit.intro")}</p>
      <Form onSubmit={apply} className="maxw-none audit-filters">
        <Fieldset legend={t("admin.audit.filters")} legendStyle="default">
          <div className="audit-filters__row">
            <FormGroup className="audit-filters__field">
              <Label htmlFor="audit-action">{t("admin.audit.action")}</Label>
              <div className="usa-hint" id="audit-action-hint">
                {t("admin.audit.actionHint")}
              </div>
              <TextInput
                id="audit-action"
                name="audit-action"
                type="text"
                value={draft.action}
                aria-describedby="audit-action-hint"
                onChange={(e) => setDraft({ ...draft, action: e.target.value })}
              />
            </FormGroup>
            <DateField
              id="audit-from"
              label={t("admin.audit.from")}
              value={draft.from}
              onChange={(from) => setDraft({ ...draft, from })}
            />
            <DateField
              id="audit-to"
              label={t("admin.audit.to")}
              value={draft.to}
              onChange={(to) => setDraft({ ...draft, to })}
            />
          </div>
          <div className="margin-top-2">
            <Button type="submit">{t("admin.audit.apply")}</Button>
            <Button type="button" outline onClick={clear}>
              {t("admin.audit.clear")}
            </Button>
          </div>
        </Fieldset>
      </Form>

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
