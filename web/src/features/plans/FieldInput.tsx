import { Button, Checkbox, Fieldset, Label, Select, Textarea, TextInput } from "@trussworks/react-uswds";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useLocalize } from "./plans.format.ts";
import type { ContactValue, FieldDefinition } from "./plans.types.ts";

interface FieldInputProps {
  id: string;
  field: FieldDefinition;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Label text; defaults to the field's own label. */
  label?: string;
  hideLabel?: boolean;
  describedBy?: string | undefined;
  required?: boolean;
}

function asText(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** The input for one template field, of its type, with its label. */
export function FieldInput({
  id,
  field,
  value,
  onChange,
  label,
  hideLabel,
  describedBy,
  required,
}: FieldInputProps) {
  const localize = useLocalize();
  const { t } = useTranslation();
  const text = label ?? localize(field.label);
  const labelClass = hideLabel ? "usa-sr-only" : undefined;
  const common = {
    id,
    name: id,
    "aria-describedby": describedBy,
    required: required ?? field.required ?? false,
  };
  if (field.type === "contacts") {
    return <ContactsInput id={id} legend={text} hideLegend={hideLabel} value={value} onChange={onChange} />;
  }
  if (field.type === "boolean") {
    return (
      <Checkbox
        {...common}
        label={text}
        checked={value === true}
        onChange={(event) => onChange(event.target.checked)}
      />
    );
  }
  let input: ReactNode;
  switch (field.type) {
    case "textarea":
      input = (
        <Textarea
          {...common}
          value={asText(value)}
          maxLength={field.maxLength}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case "select":
      input = (
        <Select {...common} value={asText(value)} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t("plans.fields.choose")}</option>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {localize(option.label)}
            </option>
          ))}
        </Select>
      );
      break;
    case "date":
    case "month":
      input = (
        <input
          {...common}
          className="usa-input plan-date-input"
          type={field.type}
          value={asText(value)}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case "number":
      input = (
        <TextInput
          {...common}
          type="number"
          value={asText(value)}
          onChange={(event) => onChange(event.target.value === "" ? null : Number(event.target.value))}
        />
      );
      break;
    default:
      input = (
        <TextInput
          {...common}
          type="text"
          value={asText(value)}
          maxLength={field.maxLength}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
  return (
    <>
      <Label htmlFor={id} className={labelClass}>
        {text}
      </Label>
      {input}
    </>
  );
}

function contactsOf(value: unknown): ContactValue[] {
  return Array.isArray(value) ? (value as ContactValue[]) : [];
}

const CONTACT_PARTS = ["name", "phone", "email"] as const;

/** Repeatable name / phone / e-mail rows, like the contact block at the top of the Linkages plan. */
function ContactsInput({
  id,
  legend,
  hideLegend,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  hideLegend?: boolean | undefined;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  const contacts = contactsOf(value);
  const rows = contacts.length === 0 ? [{}] : contacts;
  const update = (index: number, part: (typeof CONTACT_PARTS)[number], text: string) =>
    onChange(rows.map((c, i) => (i === index ? { ...c, [part]: text } : c)));
  return (
    <Fieldset legend={legend} legendStyle={hideLegend ? "srOnly" : "default"} id={id}>
      {rows.map((contact, index) => (
        // Contacts have no ids; their order is their identity while editing.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <div key={index} className="plan-contact">
          <p className="plan-contact__title">{t("plans.contacts.number", { number: index + 1 })}</p>
          {CONTACT_PARTS.map((part) => (
            <div key={part} className="plan-contact__part">
              <Label htmlFor={`${id}-${index}-${part}`} className="margin-top-0">
                {t(`plans.contacts.${part}`)}
              </Label>
              <TextInput
                id={`${id}-${index}-${part}`}
                name={`${id}-${index}-${part}`}
                type={part === "email" ? "email" : part === "phone" ? "tel" : "text"}
                value={contact[part] ?? ""}
                maxLength={300}
                onChange={(event) => update(index, part, event.target.value)}
              />
            </div>
          ))}
          <Button
            type="button"
            unstyled
            className="plan-contact__remove"
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            {t("plans.contacts.remove", { number: index + 1 })}
          </Button>
        </div>
      ))}
      <Button type="button" outline className="margin-top-1" onClick={() => onChange([...rows, {}])}>
        {t("plans.contacts.add")}
      </Button>
    </Fieldset>
  );
}

/** Readable contact lines for the plan header. */
export function ContactsText({ value }: { value: unknown }) {
  const contacts = contactsOf(value).filter((c) => c.name || c.phone || c.email);
  if (contacts.length === 0) return null;
  return (
    <ul className="usa-list usa-list--unstyled">
      {contacts.map((c, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: contacts have no ids
        <li key={index}>{[c.name, c.phone, c.email].filter(Boolean).join(" · ")}</li>
      ))}
    </ul>
  );
}
