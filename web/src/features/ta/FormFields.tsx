import { ErrorMessage, FormGroup, Label, Select } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { usePartnerships } from "./partnerships.api.ts";
import { RadioGroup } from "./TaBits.tsx";
import { RECIPIENT_KINDS, type RecipientKind } from "./ta.api.ts";

export interface RecipientState {
  recipientKind: RecipientKind | "";
  recipientName: string;
  partnershipId: string;
  county: string;
}

export type Errors = Record<string, string | undefined>;

/** A text input with its label and error tied together. */
export function TaField({
  id,
  label,
  value,
  onChange,
  error,
  type = "text",
  required = false,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  type?: "text" | "date" | "number" | "url" | "email" | "datetime-local";
  required?: boolean;
  hint?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      {hint ? (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      <input
        id={id}
        name={id}
        type={type}
        value={value}
        required={required}
        step={type === "number" ? "any" : undefined}
        className={error ? "usa-input usa-input--error" : "usa-input"}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormGroup>
  );
}

export function RecipientFields({
  idPrefix,
  value,
  onChange,
  errors,
}: {
  idPrefix: string;
  value: RecipientState;
  onChange: (value: RecipientState) => void;
  errors: Errors;
}) {
  const { t } = useTranslation();
  const partnerships = usePartnerships({});
  return (
    <>
      <RadioGroup
        idPrefix={`${idPrefix}-recipient-kind`}
        legend={t("ta.form.recipientKind")}
        options={RECIPIENT_KINDS}
        value={value.recipientKind}
        onChange={(recipientKind) => onChange({ ...value, recipientKind })}
        labelOf={(k) => t(`ta.recipientKinds.${k}`)}
      />
      {errors.recipientKind ? <ErrorMessage>{errors.recipientKind}</ErrorMessage> : null}
      {value.recipientKind === "partnership" ? (
        <FormGroup error={Boolean(errors.partnershipId)}>
          <Label htmlFor={`${idPrefix}-partnership`} error={Boolean(errors.partnershipId)}>
            {t("ta.form.partnership")}
          </Label>
          {errors.partnershipId ? (
            <ErrorMessage id={`${idPrefix}-partnership-error`}>{errors.partnershipId}</ErrorMessage>
          ) : null}
          <Select
            id={`${idPrefix}-partnership`}
            name="partnershipId"
            value={value.partnershipId}
            aria-describedby={errors.partnershipId ? `${idPrefix}-partnership-error` : undefined}
            onChange={(e) => {
              const chosen = partnerships.data?.items.find((p) => p.id === e.target.value);
              onChange({
                ...value,
                partnershipId: e.target.value,
                recipientName: chosen?.name ?? "",
                county: chosen?.county ?? value.county,
              });
            }}
          >
            <option value="">{t("ta.form.choose")}</option>
            {(partnerships.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </FormGroup>
      ) : (
        <TaField
          id={`${idPrefix}-recipient-name`}
          label={t("ta.form.recipientName")}
          value={value.recipientName}
          onChange={(recipientName) => onChange({ ...value, recipientName })}
          error={errors.recipientName}
          required
        />
      )}
      <TaField
        id={`${idPrefix}-county`}
        label={t("ta.form.county")}
        hint={t("ta.form.countyHint")}
        value={value.county}
        onChange={(county) => onChange({ ...value, county })}
        error={errors.county}
      />
    </>
  );
}

export function recipientErrors(t: (key: "ta.form.required") => string, r: RecipientState): Errors {
  return {
    recipientKind: r.recipientKind ? undefined : t("ta.form.required"),
    partnershipId: r.recipientKind === "partnership" && !r.partnershipId ? t("ta.form.required") : undefined,
    recipientName:
      r.recipientKind !== "partnership" && !r.recipientName.trim() ? t("ta.form.required") : undefined,
  };
}

export function recipientBody(r: RecipientState) {
  return {
    recipientKind: r.recipientKind as RecipientKind,
    recipientName: r.recipientName.trim(),
    partnershipId: r.recipientKind === "partnership" ? r.partnershipId : null,
    county: r.county.trim() || null,
  };
}

export function firstError(errors: Errors, order: string[], idPrefix: string) {
  const first = order.find((k) => errors[k]);
  if (!first) return;
  const ids: Record<string, string> = {
    recipientKind: `${idPrefix}-recipient-kind-${RECIPIENT_KINDS[0]}`,
    partnershipId: `${idPrefix}-partnership`,
    recipientName: `${idPrefix}-recipient-name`,
    topic: `${idPrefix}-topic`,
    sectors: `${idPrefix}-sector-health`,
    level: `${idPrefix}-level-awareness`,
    wantedFrom: `${idPrefix}-from`,
    wantedTo: `${idPrefix}-to`,
    startsOn: `${idPrefix}-from`,
    endsOn: `${idPrefix}-to`,
  };
  document.getElementById(ids[first] ?? `${idPrefix}-${first}`)?.focus();
}
