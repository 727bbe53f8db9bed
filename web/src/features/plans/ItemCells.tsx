import { Label, Select, Textarea, TextInput } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { AssigneeInput, assigneeChanges, assigneeValueOf, sameAssignee } from "./AssigneeInput.tsx";
import { EditableCell } from "./EditableCell.tsx";
import { ContactsText, FieldInput } from "./FieldInput.tsx";
import { DueMarker, StatusTag } from "./PlanBits.tsx";
import { usePlanEditing } from "./PlanContext.tsx";
import { fieldText, useIsoDateFormat, useLocalize } from "./plans.format.ts";
import {
  type FieldDefinition,
  ITEM_STATUSES,
  type ItemStatus,
  type LevelDefinition,
  type PlanItemNode,
} from "./plans.types.ts";

export type ItemAttribute =
  | { kind: "title" }
  | { kind: "field"; field: FieldDefinition }
  | { kind: "assignee" }
  | { kind: "timeframe" }
  | { kind: "dueDate" }
  | { kind: "status" };

/** The attributes of a level in document order: choices, the main text, other fields, then tracking. */
export function attributesOf(level: LevelDefinition, options: { includeTitle: boolean }): ItemAttribute[] {
  const selects = level.fields.filter((f) => f.type === "select");
  const others = level.fields.filter((f) => f.type !== "select");
  const t = level.tracking;
  return [
    ...selects.map((field): ItemAttribute => ({ kind: "field", field })),
    ...(options.includeTitle ? [{ kind: "title" } as const] : []),
    ...others.map((field): ItemAttribute => ({ kind: "field", field })),
    ...(t.assignee ? [{ kind: "assignee" } as const] : []),
    ...(t.timeframe ? [{ kind: "timeframe" } as const] : []),
    ...(t.dueDate ? [{ kind: "dueDate" } as const] : []),
    ...(t.status ? [{ kind: "status" } as const] : []),
  ];
}

export function useAttributeLabel() {
  const localize = useLocalize();
  const { t } = useTranslation();
  return (level: LevelDefinition, attribute: ItemAttribute): string => {
    switch (attribute.kind) {
      case "title":
        return localize(level.titleLabel);
      case "field":
        return localize(attribute.field.label);
      case "assignee":
        return localize(level.assigneeLabel) || t("plans.columns.assignee");
      case "timeframe":
        return localize(level.timeframeLabel) || t("plans.columns.timeframe");
      case "dueDate":
        return localize(level.dueDateLabel) || t("plans.columns.dueDate");
      case "status":
        return t("plans.columns.status");
    }
  };
}

export function StatusSelect({
  id,
  value,
  onChange,
  label,
  hideLabel = true,
  describedBy,
}: {
  id: string;
  value: ItemStatus;
  onChange: (value: ItemStatus) => void;
  label: string;
  hideLabel?: boolean;
  describedBy?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Label htmlFor={id} className={hideLabel ? "usa-sr-only" : undefined}>
        {label}
      </Label>
      <Select
        id={id}
        name={id}
        value={value}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value as ItemStatus)}
      >
        {ITEM_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`plans.status.${status}`)}
          </option>
        ))}
      </Select>
    </>
  );
}

/** One attribute of an item as an in-place editable cell. */
export function ItemAttributeCell({
  item,
  level,
  attribute,
  context,
}: {
  item: PlanItemNode;
  level: LevelDefinition;
  attribute: ItemAttribute;
  context: string;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const formatDate = useIsoDateFormat();
  const { plan, canEdit, canUpdate, saveItem, reload } = usePlanEditing();
  const label = useAttributeLabel()(level, attribute);
  const common = { label, context, onReload: reload };

  switch (attribute.kind) {
    case "title":
      return (
        <EditableCell<string>
          {...common}
          value={item.title}
          display={item.title}
          editable={canEdit}
          multiline
          className="plan-cell--text"
          save={(title) => saveItem(item, { title })}
          renderEditor={({ id, draft, setDraft, describedBy }) => (
            <>
              <Label htmlFor={id} className="usa-sr-only">
                {label}
              </Label>
              <Textarea
                id={id}
                name={id}
                value={draft}
                maxLength={2000}
                aria-describedby={describedBy}
                className="plan-cell__textarea"
                onChange={(event) => setDraft(event.target.value)}
              />
            </>
          )}
        />
      );
    case "field": {
      const field = attribute.field;
      const value = item.fields[field.key] ?? null;
      const yesNo = { yes: t("plans.fields.yes"), no: t("plans.fields.no") };
      return (
        <EditableCell<unknown>
          {...common}
          value={value}
          display={
            field.type === "contacts" ? (
              <ContactsText value={value} />
            ) : (
              fieldText(localize, formatDate, field, value, yesNo)
            )
          }
          editable={canEdit}
          multiline={field.type === "textarea"}
          isEqual={(a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)}
          className={field.type === "textarea" ? "plan-cell--text" : undefined}
          save={(next) => saveItem(item, { fields: { [field.key]: next } })}
          renderEditor={({ id, draft, setDraft, describedBy }) => (
            <FieldInput
              id={id}
              field={field}
              value={draft}
              onChange={setDraft}
              label={label}
              hideLabel
              required={false}
              describedBy={describedBy}
            />
          )}
        />
      );
    }
    case "assignee":
      return (
        <EditableCell
          {...common}
          value={assigneeValueOf(item.assignee)}
          display={item.assignee.display}
          editable={canEdit}
          isEqual={sameAssignee}
          save={(next) => saveItem(item, assigneeChanges(next))}
          renderEditor={({ id, draft, setDraft, describedBy }) => (
            <AssigneeInput
              id={id}
              planId={plan.id}
              label={label}
              value={draft}
              onChange={setDraft}
              describedBy={describedBy}
            />
          )}
        />
      );
    case "timeframe":
      return (
        <EditableCell<string>
          {...common}
          value={item.timeframe ?? ""}
          display={item.timeframe ?? ""}
          editable={canEdit}
          save={(timeframe) => saveItem(item, { timeframe: timeframe.trim() || null })}
          renderEditor={({ id, draft, setDraft, describedBy }) => (
            <>
              <Label htmlFor={id} className="usa-sr-only">
                {label}
              </Label>
              <TextInput
                id={id}
                name={id}
                type="text"
                value={draft}
                maxLength={200}
                aria-describedby={describedBy}
                onChange={(event) => setDraft(event.target.value)}
              />
            </>
          )}
        />
      );
    case "dueDate":
      return (
        <>
          <EditableCell<string>
            {...common}
            value={item.dueDate ?? ""}
            display={formatDate(item.dueDate)}
            editable={canEdit}
            save={(dueDate) => saveItem(item, { dueDate: dueDate || null })}
            renderEditor={({ id, draft, setDraft, describedBy }) => (
              <>
                <Label htmlFor={id} className="usa-sr-only">
                  {label}
                </Label>
                <input
                  id={id}
                  name={id}
                  type="date"
                  className="usa-input plan-date-input"
                  value={draft}
                  aria-describedby={describedBy}
                  onChange={(event) => setDraft(event.target.value)}
                />
              </>
            )}
          />
          <DueMarker state={item.dueState} />
        </>
      );
    case "status":
      return (
        <EditableCell<ItemStatus>
          {...common}
          value={item.status ?? "not_started"}
          display={<StatusTag status={item.status ?? "not_started"} />}
          editable={canUpdate(item)}
          save={(status) => saveItem(item, { status })}
          renderEditor={({ id, draft, setDraft, describedBy }) => (
            <StatusSelect id={id} value={draft} onChange={setDraft} label={label} describedBy={describedBy} />
          )}
        />
      );
  }
}
