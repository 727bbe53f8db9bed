import { Label, Select, TextInput } from "@trussworks/react-uswds";
import { useTranslation } from "react-i18next";
import { useAssignees } from "./plans.api.ts";
import type { Assignee } from "./plans.types.ts";

export interface AssigneeValue {
  userId: string | null;
  organizationId: string | null;
  text: string;
}

export const NO_ASSIGNEE: AssigneeValue = { userId: null, organizationId: null, text: "" };

export function assigneeValueOf(assignee: Assignee): AssigneeValue {
  return { userId: assignee.userId, organizationId: assignee.organizationId, text: assignee.text ?? "" };
}

export function sameAssignee(a: AssigneeValue, b: AssigneeValue): boolean {
  return a.userId === b.userId && a.organizationId === b.organizationId && a.text.trim() === b.text.trim();
}

export function assigneeChanges(value: AssigneeValue) {
  return {
    assigneeUserId: value.userId,
    assigneeOrganizationId: value.userId ? null : value.organizationId,
    assigneeText: value.text.trim() || null,
  };
}

/**
 * Who is assigned: a person or a partner organization from the plan's list, and/or free text such as
 * "Planning Team" or "M. Lopez & S. Adams (LCs)", as the documents write it.
 */
export function AssigneeInput({
  id,
  planId,
  label,
  value,
  onChange,
  describedBy,
}: {
  id: string;
  planId: string;
  label: string;
  value: AssigneeValue;
  onChange: (value: AssigneeValue) => void;
  describedBy?: string | undefined;
}) {
  const { t } = useTranslation();
  const choices = useAssignees(planId, true);
  const selected = value.userId
    ? `user:${value.userId}`
    : value.organizationId
      ? `org:${value.organizationId}`
      : "";
  // Someone in two organizations of the plan is one choice, named with both.
  const people = [
    ...(choices.data?.people ?? [])
      .reduce((byId, p) => {
        const known = byId.get(p.userId);
        byId.set(p.userId, {
          userId: p.userId,
          name: p.name,
          organizations: known ? `${known.organizations}, ${p.organizationName}` : p.organizationName,
        });
        return byId;
      }, new Map<string, { userId: string; name: string; organizations: string }>())
      .values(),
  ];
  const organizations = choices.data?.organizations ?? [];
  const knownPerson = !value.userId || people.some((p) => p.userId === value.userId);
  const knownOrganization = !value.organizationId || organizations.some((o) => o.id === value.organizationId);

  return (
    <fieldset className="usa-fieldset plan-assignee" aria-describedby={describedBy}>
      <legend className="usa-sr-only">{label}</legend>
      <Label htmlFor={id} className="margin-top-0">
        {t("plans.assignee.pick", { label })}
      </Label>
      <Select
        id={id}
        name={id}
        value={selected}
        onChange={(event) => {
          const [kind, key] = event.target.value.split(":");
          onChange({
            ...value,
            userId: kind === "user" ? (key ?? null) : null,
            organizationId: kind === "org" ? (key ?? null) : null,
          });
        }}
      >
        <option value="">{choices.isPending ? t("app.loading") : t("plans.assignee.nobody")}</option>
        {!knownPerson && value.userId ? (
          <option value={`user:${value.userId}`}>{t("plans.assignee.current")}</option>
        ) : null}
        {!knownOrganization && value.organizationId ? (
          <option value={`org:${value.organizationId}`}>{t("plans.assignee.current")}</option>
        ) : null}
        {people.length > 0 ? (
          <optgroup label={t("plans.assignee.people")}>
            {people.map((person) => (
              <option key={person.userId} value={`user:${person.userId}`}>
                {t("plans.assignee.personOption", { name: person.name, organization: person.organizations })}
              </option>
            ))}
          </optgroup>
        ) : null}
        {organizations.length > 0 ? (
          <optgroup label={t("plans.assignee.organizations")}>
            {organizations.map((organization) => (
              <option key={organization.id} value={`org:${organization.id}`}>
                {organization.name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </Select>
      <Label htmlFor={`${id}-text`}>{t("plans.assignee.text")}</Label>
      <span className="usa-hint" id={`${id}-text-hint`}>
        {t("plans.assignee.textHint")}
      </span>
      <TextInput
        id={`${id}-text`}
        name={`${id}-text`}
        type="text"
        maxLength={300}
        value={value.text}
        aria-describedby={`${id}-text-hint`}
        onChange={(event) => onChange({ ...value, text: event.target.value })}
      />
    </fieldset>
  );
}
