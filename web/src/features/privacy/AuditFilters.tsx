import {
  Button,
  ErrorMessage,
  Fieldset,
  Form,
  FormGroup,
  Label,
  Select,
  TextInput,
} from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AuditSearch, auditCsvUrl, NO_AUDIT_FILTERS } from "./privacy.api.ts";

const TEXT_FIELDS = ["familyId", "actorUserId", "actorOrganizationId", "action"] as const;
const ID_FIELDS = new Set<string>(["familyId", "actorUserId", "actorOrganizationId"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUTCOMES = ["success", "denied", "failure"] as const;

/** The audit log's filters (docs/consent.md): a family, a user, an organization, an action, an outcome, days. */
export function AuditFiltersForm({
  initial,
  onApply,
}: {
  initial: AuditSearch;
  onApply: (filters: AuditSearch) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditSearch>(initial);
  const [invalid, setInvalid] = useState<string[]>([]);
  const set = (key: keyof AuditSearch, value: string) => setDraft({ ...draft, [key]: value });

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The API takes ids only whole; say so here rather than answer with a validation error.
    const wrong = TEXT_FIELDS.filter(
      (key) => ID_FIELDS.has(key) && draft[key].trim() && !UUID.test(draft[key].trim()),
    );
    setInvalid(wrong);
    if (wrong[0]) {
      document.getElementById(`audit-${wrong[0]}`)?.focus();
      return;
    }
    onApply({ ...draft });
  }

  return (
    <Form onSubmit={apply} className="maxw-none audit-filters">
      <Fieldset legend={t("admin.audit.filters")} legendStyle="default">
        <div className="audit-filters__row">
          {TEXT_FIELDS.map((key) => {
            const error = invalid.includes(key);
            return (
              <FormGroup key={key} className="audit-filters__field" error={error}>
                <Label htmlFor={`audit-${key}`} error={error}>
                  {t(`privacy.audit.${key}`)}
                </Label>
                <div className="usa-hint" id={`audit-${key}-hint`}>
                  {t(`privacy.audit.${key}Hint`)}
                </div>
                {error ? (
                  <ErrorMessage id={`audit-${key}-error`}>{t("privacy.audit.invalidId")}</ErrorMessage>
                ) : null}
                <TextInput
                  id={`audit-${key}`}
                  name={`audit-${key}`}
                  type="text"
                  value={draft[key]}
                  validationStatus={error ? "error" : undefined}
                  aria-describedby={error ? `audit-${key}-hint audit-${key}-error` : `audit-${key}-hint`}
                  onChange={(e) => set(key, e.target.value)}
                />
              </FormGroup>
            );
          })}
          <FormGroup className="audit-filters__field">
            <Label htmlFor="audit-outcome">{t("privacy.audit.outcome")}</Label>
            <Select
              id="audit-outcome"
              name="audit-outcome"
              value={draft.outcome}
              onChange={(e) => set("outcome", e.target.value)}
            >
              <option value="">{t("privacy.audit.anyOutcome")}</option>
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`admin.audit.outcomes.${o}`)}
                </option>
              ))}
            </Select>
          </FormGroup>
          {(["from", "to"] as const).map((key) => (
            <FormGroup key={key} className="audit-filters__field">
              <Label htmlFor={`audit-${key}`}>{t(`admin.audit.${key}`)}</Label>
              <input
                id={`audit-${key}`}
                name={`audit-${key}`}
                type="date"
                className="usa-input"
                value={draft[key]}
                onChange={(e) => set(key, e.target.value)}
              />
            </FormGroup>
          ))}
        </div>
        <div className="margin-top-2">
          <Button type="submit">{t("admin.audit.apply")}</Button>
          <Button
            type="button"
            outline
            onClick={() => {
              setDraft(NO_AUDIT_FILTERS);
              onApply(NO_AUDIT_FILTERS);
            }}
          >
            {t("admin.audit.clear")}
          </Button>
        </div>
      </Fieldset>
    </Form>
  );
}

/** The same events as a CSV file, with the filters in effect. */
export function AuditCsvLink({ filters }: { filters: AuditSearch }) {
  const { t } = useTranslation();
  return (
    <p>
      <a className="usa-link" href={auditCsvUrl(filters)} download>
        {t("privacy.audit.csv")}
      </a>
    </p>
  );
}
