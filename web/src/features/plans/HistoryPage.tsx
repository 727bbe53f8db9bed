import "./plans.css";
import { Button } from "@trussworks/react-uswds";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { EmptyState, Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { Announcer, useAnnounce } from "./Announcer.tsx";
import { PlanNav, WithPlan } from "./PlanFrame.tsx";
import { useHistory, useUndoChange } from "./plans.api.ts";
import { canEditPlan, fieldText, type Localize, useIsoDateFormat, useLocalize } from "./plans.format.ts";
import type { FieldDefinition, PlanChange, PlanDocument, TemplateDefinition } from "./plans.types.ts";

type Snapshot = Record<string, unknown>;

function asRecord(value: unknown): Snapshot {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Snapshot) : {};
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function findField(
  template: TemplateDefinition,
  key: string,
  scope: "item" | "header" | string,
): FieldDefinition | undefined {
  if (scope === "header") return template.header.find((f) => f.key === key);
  if (scope === "item") return template.levels.flatMap((l) => l.fields).find((f) => f.key === key);
  return template.sections.find((s) => s.key === scope)?.fields?.find((f) => f.key === key);
}

interface Line {
  label: string;
  before: string;
  after: string;
}

/** What a change changed, as "label: before → after" lines a planner can read. */
function describe(
  change: PlanChange,
  template: TemplateDefinition,
  t: TFunction,
  localize: Localize,
  formatDate: (value: string) => string,
): Line[] {
  const yesNo = { yes: t("plans.fields.yes"), no: t("plans.fields.no") };
  const text = (field: FieldDefinition | undefined, value: unknown) =>
    field
      ? fieldText(localize, formatDate, field, value, yesNo)
      : typeof value === "string"
        ? value
        : JSON.stringify(value ?? "");
  const lines: Line[] = [];
  const before = asRecord(change.before);
  const after = asRecord(change.after);
  const compareFields = (scope: string, a: Snapshot, b: Snapshot) => {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (same(a[key], b[key])) continue;
      const field = findField(template, key, scope);
      lines.push({
        label: field ? localize(field.label) : key,
        before: text(field, a[key]),
        after: text(field, b[key]),
      });
    }
  };
  if (change.kind === "item.update" || change.kind === "undo") {
    const simple: [string, string, (v: unknown) => string][] = [
      ["title", t("plans.history.fields.title"), (v) => String(v ?? "")],
      ["status", t("plans.columns.status"), (v) => (v ? t(`plans.status.${String(v)}`) : "")],
      ["assigneeText", t("plans.columns.assignee"), (v) => String(v ?? "")],
      ["dueDate", t("plans.columns.dueDate"), (v) => (typeof v === "string" ? formatDate(v) : "")],
      ["timeframe", t("plans.columns.timeframe"), (v) => String(v ?? "")],
    ];
    for (const [key, label, show] of simple) {
      if (key in before && key in after && !same(before[key], after[key]))
        lines.push({ label, before: show(before[key]), after: show(after[key]) });
    }
    if (
      !same(before.assigneeUserId, after.assigneeUserId) ||
      !same(before.assigneeOrganizationId, after.assigneeOrganizationId)
    ) {
      if ("assigneeUserId" in before && "assigneeUserId" in after)
        lines.push({
          label: t("plans.columns.assignee"),
          before: "",
          after: t("plans.history.assigneeChanged"),
        });
    }
    compareFields("item", asRecord(before.fields), asRecord(after.fields));
  }
  if (change.kind === "plan.update") {
    if (!same(before.title, after.title))
      lines.push({
        label: t("plans.details.title"),
        before: String(before.title ?? ""),
        after: String(after.title ?? ""),
      });
    for (const key of ["periodStart", "periodEnd"] as const) {
      if (!same(before[key], after[key]))
        lines.push({
          label: t(key === "periodStart" ? "plans.details.periodStart" : "plans.details.periodEnd"),
          before: typeof before[key] === "string" ? formatDate(before[key] as string) : "",
          after: typeof after[key] === "string" ? formatDate(after[key] as string) : "",
        });
    }
    const valuesBefore = asRecord(before.values);
    const valuesAfter = asRecord(after.values);
    compareFields("header", asRecord(valuesBefore.header), asRecord(valuesAfter.header));
    const sectionsBefore = asRecord(valuesBefore.sections);
    const sectionsAfter = asRecord(valuesAfter.sections);
    for (const key of new Set([...Object.keys(sectionsBefore), ...Object.keys(sectionsAfter)]))
      compareFields(key, asRecord(sectionsBefore[key]), asRecord(sectionsAfter[key]));
  }
  return lines;
}

export function HistoryPage() {
  return <WithPlan>{(plan) => <History plan={plan} />}</WithPlan>;
}

function History({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const history = useHistory(plan.id);
  const undo = useUndoChange(plan.id);
  return (
    <Page title={t("plans.history.title", { plan: plan.title })} intro={t("plans.history.intro")}>
      <Announcer>
        <PlanNav plan={plan} />
        {undo.isSuccess ? <SuccessAlert>{t("plans.history.undone")}</SuccessAlert> : null}
        {undo.isError ? (
          isApiError(undo.error, "conflict.stale_version") ? (
            <div className="usa-alert usa-alert--warning usa-alert--slim margin-y-2" role="alert">
              <div className="usa-alert__body">
                <p className="usa-alert__text">{t("plans.history.undoConflict")}</p>
              </div>
            </div>
          ) : (
            <ErrorAlert error={undo.error} />
          )
        ) : null}
        {history.isPending ? <Loading /> : null}
        {history.isError ? <ErrorAlert error={history.error} /> : null}
        {history.data && history.data.items.length === 0 ? (
          <EmptyState>{t("plans.history.empty")}</EmptyState>
        ) : null}
        {history.data && history.data.items.length > 0 ? (
          <table className="usa-table usa-table--stacked-header plan-history">
            <caption className="usa-sr-only">{t("plans.history.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("plans.history.when")}</th>
                <th scope="col">{t("plans.history.who")}</th>
                <th scope="col">{t("plans.history.what")}</th>
                <th scope="col">{t("plans.history.item")}</th>
                <th scope="col">{t("plans.history.change")}</th>
                <th scope="col">
                  <span className="usa-sr-only">{t("plans.history.undo")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.data.items.map((change) => (
                <ChangeRow
                  key={change.id}
                  change={change}
                  plan={plan}
                  canUndo={canEditPlan(plan.access) && change.canUndo}
                  undoing={undo.isPending}
                  onUndo={() => undo.mutate(change.id)}
                />
              ))}
            </tbody>
          </table>
        ) : null}
      </Announcer>
    </Page>
  );
}

function ChangeRow({
  change,
  plan,
  canUndo,
  undoing,
  onUndo,
}: {
  change: PlanChange;
  plan: PlanDocument;
  canUndo: boolean;
  undoing: boolean;
  onUndo: () => void;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const formatDate = useIsoDateFormat();
  const formatDateTime = useDateTimeFormat();
  const announce = useAnnounce();
  const lines = describe(change, plan.template, t, localize, formatDate);
  const kind = t(`plans.history.kinds.${change.kind.replace(".", "_")}`, { defaultValue: change.kind });
  const removed = change.kind === "item.delete" && Array.isArray(change.before) ? change.before.length : 0;
  return (
    <tr>
      <td data-label={t("plans.history.when")}>{formatDateTime(change.at)}</td>
      <td data-label={t("plans.history.who")}>{change.actorName ?? t("plans.history.system")}</td>
      <th scope="row" data-label={t("plans.history.what")}>
        {kind}
        {change.undone ? (
          <span className="usa-tag plan-undone margin-left-1">{t("plans.history.wasUndone")}</span>
        ) : null}
      </th>
      <td data-label={t("plans.history.item")}>{change.itemTitle ?? "—"}</td>
      <td data-label={t("plans.history.change")}>
        {lines.length > 0 ? (
          <ul className="usa-list usa-list--unstyled plan-history__lines">
            {lines.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are derived and never reorder
              <li key={index}>
                <span className="text-bold">{line.label}:</span> {line.before || "—"}{" "}
                <span aria-hidden="true">→</span>
                <span className="usa-sr-only">{t("plans.history.to")}</span> {line.after || "—"}
              </li>
            ))}
          </ul>
        ) : removed > 0 ? (
          t("plans.history.removedCount", { count: removed })
        ) : (
          "—"
        )}
      </td>
      <td data-label={t("plans.history.undo")}>
        {canUndo ? (
          <Button
            type="button"
            outline
            className="margin-0"
            disabled={undoing}
            onClick={() => {
              onUndo();
              announce(t("plans.history.undoing"));
            }}
          >
            {t("plans.history.undo")}
            <span className="usa-sr-only">: {`${kind} ${change.itemTitle ?? ""}`.trim()}</span>
          </Button>
        ) : null}
      </td>
    </tr>
  );
}
