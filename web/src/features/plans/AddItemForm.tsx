import { Button, ErrorMessage, Form, FormGroup, Label, Textarea, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { useAnnounce } from "./Announcer.tsx";
import { AssigneeInput, assigneeChanges, NO_ASSIGNEE } from "./AssigneeInput.tsx";
import { FieldInput } from "./FieldInput.tsx";
import { StatusSelect, useAttributeLabel } from "./ItemCells.tsx";
import { usePlanEditing } from "./PlanContext.tsx";
import { useCreateItem } from "./plans.api.ts";
import { lowerFirst, useLocalize } from "./plans.format.ts";
import type { ItemStatus, LevelDefinition } from "./plans.types.ts";

interface AddItemProps {
  level: LevelDefinition;
  /** Where the new item goes: under a parent item, or at the top of a section. */
  parentId: string | null;
  section: string;
  /** Names the place, so the many "Add action step" buttons of a plan differ ("to Strategic direction"). */
  placeName: string;
  /** Id of the toggle button, so focus can come back to it after a delete. */
  buttonId: string;
}

/** "Add action step": a disclosure with a form for a new item of a level, staying open for the next one. */
export function AddItem({ level, parentId, section, placeName, buttonId }: AddItemProps) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const what = lowerFirst(localize(level.label));
  return (
    <div className="plan-add">
      <Button
        id={buttonId}
        type="button"
        outline
        className="plan-add__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {t("plans.add.button", { what })}
        <span className="usa-sr-only"> {t("plans.add.to", { place: placeName })}</span>
      </Button>
      <div id={panelId} hidden={!open}>
        {open ? (
          <AddItemForm
            level={level}
            parentId={parentId}
            section={section}
            onClose={() => {
              setOpen(false);
              requestAnimationFrame(() => document.getElementById(buttonId)?.focus());
            }}
          />
        ) : null}
      </div>
    </div>
  );
}

function AddItemForm({
  level,
  parentId,
  section,
  onClose,
}: {
  level: LevelDefinition;
  parentId: string | null;
  section: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const attributeLabel = useAttributeLabel();
  const { plan } = usePlanEditing();
  const create = useCreateItem(plan.id);
  const announce = useAnnounce();
  const id = useId();
  const firstField = useRef<HTMLDivElement>(null);
  const [title, setTitle] = useState("");
  const [fields, setFields] = useState<Record<string, unknown>>({});
  const [assignee, setAssignee] = useState(NO_ASSIGNEE);
  const [dueDate, setDueDate] = useState("");
  const [timeframe, setTimeframe] = useState("");
  const [status, setStatus] = useState<ItemStatus>("not_started");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const what = lowerFirst(localize(level.label));
  const tracking = level.tracking;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const field of level.fields) {
      const value = fields[field.key];
      if (field.required && (value === undefined || value === null || value === ""))
        found[`${id}-field-${field.key}`] = t("validation.required");
    }
    if (!title.trim()) found[`${id}-title`] = t("validation.required");
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    const cleanFields = Object.fromEntries(
      Object.entries(fields).filter(([, value]) => value !== "" && value !== null && value !== undefined),
    );
    create.mutate(
      {
        level: level.key,
        ...(parentId ? { parentId } : { section }),
        title: title.trim(),
        ...(Object.keys(cleanFields).length > 0 || level.fields.length > 0 ? { fields: cleanFields } : {}),
        ...(tracking.assignee ? assigneeChanges(assignee) : {}),
        ...(tracking.dueDate && dueDate ? { dueDate } : {}),
        ...(tracking.timeframe && timeframe.trim() ? { timeframe: timeframe.trim() } : {}),
        ...(tracking.status ? { status } : {}),
      },
      {
        onSuccess: () => {
          announce(t("plans.add.added", { what }));
          setTitle("");
          setFields({});
          setAssignee(NO_ASSIGNEE);
          setDueDate("");
          setTimeframe("");
          setStatus("not_started");
          firstField.current?.querySelector<HTMLElement>("input, select, textarea")?.focus();
        },
      },
    );
  }

  const errorOf = (key: string) => errors[key];
  const titleId = `${id}-title`;

  return (
    <Form onSubmit={submit} noValidate className="plan-add__form" large>
      <p className="plan-add__intro text-bold">{t("plans.add.heading", { what })}</p>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      <div ref={firstField}>
        {level.fields.map((field) => {
          const fieldId = `${id}-field-${field.key}`;
          const error = errorOf(fieldId);
          return (
            <FormGroup key={field.key} error={Boolean(error)}>
              {error ? <ErrorMessage id={`${fieldId}-error`}>{error}</ErrorMessage> : null}
              <FieldInput
                id={fieldId}
                field={field}
                value={fields[field.key] ?? (field.type === "contacts" ? [] : "")}
                onChange={(value) => setFields((current) => ({ ...current, [field.key]: value }))}
                describedBy={error ? `${fieldId}-error` : undefined}
              />
            </FormGroup>
          );
        })}
        <FormGroup error={Boolean(errorOf(titleId))}>
          <Label htmlFor={titleId}>{localize(level.titleLabel)}</Label>
          {errorOf(titleId) ? <ErrorMessage id={`${titleId}-error`}>{errorOf(titleId)}</ErrorMessage> : null}
          <Textarea
            id={titleId}
            name="title"
            value={title}
            maxLength={2000}
            required
            className="plan-add__title"
            aria-invalid={errorOf(titleId) ? true : undefined}
            aria-describedby={errorOf(titleId) ? `${titleId}-error` : undefined}
            onChange={(event) => setTitle(event.target.value)}
          />
        </FormGroup>
      </div>
      {tracking.assignee ? (
        <FormGroup>
          <AssigneeInput
            id={`${id}-assignee`}
            planId={plan.id}
            label={attributeLabel(level, { kind: "assignee" })}
            value={assignee}
            onChange={setAssignee}
          />
        </FormGroup>
      ) : null}
      {tracking.timeframe ? (
        <FormGroup>
          <Label htmlFor={`${id}-timeframe`}>{attributeLabel(level, { kind: "timeframe" })}</Label>
          <span className="usa-hint" id={`${id}-timeframe-hint`}>
            {t("plans.add.timeframeHint")}
          </span>
          <TextInput
            id={`${id}-timeframe`}
            name="timeframe"
            type="text"
            maxLength={200}
            value={timeframe}
            aria-describedby={`${id}-timeframe-hint`}
            onChange={(event) => setTimeframe(event.target.value)}
          />
        </FormGroup>
      ) : null}
      {tracking.dueDate ? (
        <FormGroup>
          <Label htmlFor={`${id}-due`}>{attributeLabel(level, { kind: "dueDate" })}</Label>
          <input
            id={`${id}-due`}
            name="dueDate"
            type="date"
            className="usa-input plan-date-input"
            value={dueDate}
            onChange={(event) => setDueDate(event.target.value)}
          />
        </FormGroup>
      ) : null}
      {tracking.status ? (
        <FormGroup>
          <StatusSelect
            id={`${id}-status`}
            value={status}
            onChange={setStatus}
            label={t("plans.columns.status")}
            hideLabel={false}
          />
        </FormGroup>
      ) : null}
      <div className="plan-add__buttons">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t("plans.cell.saving") : t("plans.add.submit", { what })}
        </Button>
        <Button type="button" unstyled onClick={onClose}>
          {t("plans.add.close")}
        </Button>
      </div>
    </Form>
  );
}
