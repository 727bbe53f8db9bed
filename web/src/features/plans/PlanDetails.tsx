import { Button, Label, TextInput } from "@trussworks/react-uswds";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, isApiError } from "../../app/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { useAnnounce } from "./Announcer.tsx";
import { EditableCell } from "./EditableCell.tsx";
import { ContactsText, FieldInput } from "./FieldInput.tsx";
import { usePlanEditing } from "./PlanContext.tsx";
import { fieldText, useIsoDateFormat, useLocalize } from "./plans.format.ts";
import type { FieldDefinition, PlanSection, SectionDefinition } from "./plans.types.ts";

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function useFieldDisplay() {
  const { t } = useTranslation();
  const localize = useLocalize();
  const formatDate = useIsoDateFormat();
  return (field: FieldDefinition, value: unknown) =>
    field.type === "contacts" ? (
      <ContactsText value={value} />
    ) : (
      fieldText(localize, formatDate, field, value, { yes: t("plans.fields.yes"), no: t("plans.fields.no") })
    );
}

/** The plan's title, period and header fields as the definition table at the top of the document. */
export function PlanDetails() {
  const { t } = useTranslation();
  const localize = useLocalize();
  const formatDate = useIsoDateFormat();
  const display = useFieldDisplay();
  const { plan, canEdit, savePlan, reload } = usePlanEditing();
  const dateEditor =
    (label: string) =>
    ({
      id,
      draft,
      setDraft,
      describedBy,
    }: {
      id: string;
      draft: string;
      setDraft: (v: string) => void;
      describedBy: string | undefined;
    }) => (
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
    );
  return (
    <section aria-labelledby="plan-details-heading" className="plan-section">
      <h2 id="plan-details-heading">{t("plans.details.heading")}</h2>
      <table className="usa-table usa-table--borderless plan-details plan-details--header">
        <caption className="usa-sr-only">{t("plans.details.heading")}</caption>
        <tbody>
          <tr>
            <th scope="row">{t("plans.details.title")}</th>
            <td>
              <EditableCell<string>
                label={t("plans.details.title")}
                value={plan.title}
                display={plan.title}
                editable={canEdit}
                onReload={reload}
                save={(title) => {
                  if (!title.trim())
                    return Promise.reject(new ApiError(400, "validation.failed", "empty title"));
                  return savePlan({ title: title.trim() });
                }}
                renderEditor={({ id, draft, setDraft, describedBy }) => (
                  <>
                    <Label htmlFor={id} className="usa-sr-only">
                      {t("plans.details.title")}
                    </Label>
                    <TextInput
                      id={id}
                      name={id}
                      type="text"
                      value={draft}
                      required
                      maxLength={300}
                      aria-describedby={describedBy}
                      onChange={(event) => setDraft(event.target.value)}
                    />
                  </>
                )}
              />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("plans.details.periodStart")}</th>
            <td>
              <EditableCell<string>
                label={t("plans.details.periodStart")}
                value={plan.periodStart ?? ""}
                display={formatDate(plan.periodStart)}
                editable={canEdit}
                onReload={reload}
                save={(periodStart) => savePlan({ periodStart: periodStart || null })}
                renderEditor={dateEditor(t("plans.details.periodStart"))}
              />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("plans.details.periodEnd")}</th>
            <td>
              <EditableCell<string>
                label={t("plans.details.periodEnd")}
                value={plan.periodEnd ?? ""}
                display={formatDate(plan.periodEnd)}
                editable={canEdit}
                onReload={reload}
                save={(periodEnd) => savePlan({ periodEnd: periodEnd || null })}
                renderEditor={dateEditor(t("plans.details.periodEnd"))}
              />
            </td>
          </tr>
          {plan.template.header.map((field) => {
            const label = localize(field.label);
            const value = plan.header[field.key] ?? null;
            return (
              <tr key={field.key}>
                <th scope="row">
                  {label}
                  {field.help ? <span className="plan-details__help">{localize(field.help)}</span> : null}
                </th>
                <td>
                  <EditableCell<unknown>
                    label={label}
                    value={value}
                    display={display(field, value)}
                    editable={canEdit}
                    onReload={reload}
                    isEqual={sameJson}
                    multiline={field.type === "textarea"}
                    className={field.type === "textarea" ? "plan-cell--text" : undefined}
                    save={(next) => savePlan({ header: { [field.key]: cleanValue(field, next) } })}
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
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Contacts rows left entirely empty are not worth keeping. */
function cleanValue(field: FieldDefinition, value: unknown): unknown {
  if (field.type !== "contacts" || !Array.isArray(value)) return value;
  return value
    .map((c: Record<string, string | undefined>) =>
      Object.fromEntries(Object.entries(c).filter(([, v]) => typeof v === "string" && v.trim() !== "")),
    )
    .filter((c) => Object.keys(c).length > 0);
}

/**
 * A field section (the SIP narrative): labelled text areas, always open like the pages of the document.
 * Each saves when you leave it; what you typed stays if the save fails or someone else saved first.
 */
export function FieldsSection({
  section,
  definition,
}: {
  section: PlanSection;
  definition: SectionDefinition;
}) {
  const localize = useLocalize();
  const display = useFieldDisplay();
  const { canEdit } = usePlanEditing();
  const headingId = `section-${section.key}`;
  return (
    <section aria-labelledby={headingId} className="plan-section">
      <h2 id={headingId}>{localize(definition.label)}</h2>
      {definition.help ? <p className="plan-section__help">{localize(definition.help)}</p> : null}
      {(definition.fields ?? []).map((field) =>
        canEdit ? (
          <SectionField
            key={field.key}
            sectionKey={section.key}
            field={field}
            value={section.values[field.key]}
          />
        ) : (
          <div key={field.key} className="plan-field-read">
            <h3 className="plan-field-read__label">{localize(field.label)}</h3>
            <div className="plan-field-read__value">{display(field, section.values[field.key]) || "—"}</div>
          </div>
        ),
      )}
    </section>
  );
}

function SectionField({
  sectionKey,
  field,
  value,
}: {
  sectionKey: string;
  field: FieldDefinition;
  value: unknown;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const { savePlan, reload } = usePlanEditing();
  const announce = useAnnounce();
  const id = useId();
  const [draft, setDraft] = useState<unknown>(value ?? "");
  const [state, setState] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [error, setError] = useState<unknown>(null);
  const saved = useRef<unknown>(value ?? "");
  const label = localize(field.label);

  // Someone else's saved text arrives with a reload; it replaces the draft only if nothing is unsaved here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new server value should do this, not typing.
  useEffect(() => {
    if (sameJson(saved.current, draft)) setDraft(value ?? "");
    saved.current = value ?? "";
  }, [value]);

  async function save() {
    if (sameJson(draft, saved.current)) return;
    setState("saving");
    setError(null);
    try {
      await savePlan({ sections: { [sectionKey]: { [field.key]: draft } } });
      saved.current = draft;
      setState("saved");
      announce(t("plans.cell.saved", { label }));
    } catch (caught) {
      setState("error");
      setError(caught);
      announce(errorMessage(t, caught));
    }
  }

  const conflict = isApiError(error, "conflict.stale_version");
  return (
    // Leaving the field saves it, unless focus only moved to its own Save button.
    // biome-ignore lint/a11y/noStaticElementInteractions: the blur comes from the field inside.
    <div
      className="plan-field"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null) && state !== "error")
          void save();
      }}
    >
      <FieldInput
        id={id}
        field={field}
        value={draft}
        onChange={setDraft}
        label={label}
        required={false}
        describedBy={`${id}-state${field.help ? ` ${id}-help` : ""}`}
      />
      {field.help ? (
        <span className="usa-hint display-block" id={`${id}-help`}>
          {localize(field.help)}
        </span>
      ) : null}
      <div className="plan-field__state" id={`${id}-state`}>
        <Button
          type="button"
          outline
          className="plan-field__save"
          disabled={state === "saving"}
          onClick={() => void save()}
        >
          {t("plans.cell.saveNamed", { label })}
        </Button>
        {state === "saving" ? <span>{t("plans.cell.saving")}</span> : null}
        {state === "saved" ? <span className="plan-cell__saved">{t("plans.cell.savedShort")}</span> : null}
        {state === "error" ? (
          <span className="plan-cell__error">
            {conflict ? t("plans.cell.conflict") : errorMessage(t, error)}
          </span>
        ) : null}
        {conflict ? (
          <Button type="button" unstyled onClick={reload}>
            {t("plans.reload")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
