import "./plans.css";
import { Button, ErrorMessage, Fieldset, Form, FormGroup, Label, Radio } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { TextField } from "../../ui/TextField.tsx";
import { focusFirstError, hasErrors } from "../../ui/validation.ts";
import { FieldInput } from "./FieldInput.tsx";
import { useCreatePlan, useTemplates } from "./plans.api.ts";
import { isoToday, useLocalize } from "./plans.format.ts";

/** Choose a template, name the plan, set its period and the template's required header fields. */
export function NewPlanPage() {
  const { t } = useTranslation();
  const localize = useLocalize();
  const navigate = useNavigate();
  const templates = useTemplates();
  const create = useCreatePlan();
  const [templateKey, setTemplateKey] = useState("");
  const [title, setTitle] = useState("");
  const [periodStart, setPeriodStart] = useState(isoToday());
  const [periodEnd, setPeriodEnd] = useState("");
  const [header, setHeader] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const template = templates.data?.items.find((item) => item.key === templateKey);
  const requiredFields = template?.header.filter((field) => field.required) ?? [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string | undefined> = {
      [`template-${templates.data?.items[0]?.key ?? ""}`]: template
        ? undefined
        : t("plans.new.chooseTemplate"),
      "plan-title": title.trim() ? undefined : t("validation.required"),
      "plan-period-end":
        periodEnd && periodStart && periodEnd < periodStart ? t("plans.new.endBeforeStart") : undefined,
    };
    for (const field of requiredFields) {
      const value = header[field.key];
      if (value === undefined || value === null || value === "")
        found[`header-${field.key}`] = t("validation.required");
    }
    setErrors(found);
    if (hasErrors(found) || !template) {
      focusFirstError(found);
      return;
    }
    create.mutate(
      {
        templateKey: template.key,
        title: title.trim(),
        ...(periodStart ? { periodStart } : {}),
        ...(periodEnd && !template.periodMonths ? { periodEnd } : {}),
        header: Object.fromEntries(Object.entries(header).filter(([, value]) => value !== "")),
      },
      { onSuccess: (plan) => navigate(`/plans/${plan.id}`) },
    );
  }

  const templateError = Object.entries(errors).find(([key]) => key.startsWith("template-"))?.[1];

  return (
    <Page title={t("plans.new.title")} intro={t("plans.new.intro")}>
      <p>
        <Link to="/plans" className="usa-link">
          {t("plans.backToPlans")}
        </Link>
      </p>
      {templates.isPending ? <Loading /> : null}
      {templates.isError ? <ErrorAlert error={templates.error} /> : null}
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      {templates.data ? (
        <Form onSubmit={submit} noValidate large>
          <FormGroup error={Boolean(templateError)}>
            <Fieldset legend={t("plans.new.template")} legendStyle="large">
              {templateError ? <ErrorMessage id="template-error">{templateError}</ErrorMessage> : null}
              {templates.data.items.map((item) => (
                <Radio
                  key={item.key}
                  id={`template-${item.key}`}
                  name="template"
                  value={item.key}
                  tile
                  checked={templateKey === item.key}
                  onChange={() => setTemplateKey(item.key)}
                  label={localize(item.name)}
                  labelDescription={localize(item.description)}
                  aria-describedby={templateError ? "template-error" : undefined}
                />
              ))}
            </Fieldset>
          </FormGroup>
          <TextField
            id="plan-title"
            label={t("plans.new.planTitle")}
            hint={t("plans.new.planTitleHint")}
            value={title}
            onChange={setTitle}
            error={errors["plan-title"]}
            maxLength={300}
          />
          <FormGroup>
            <Label htmlFor="plan-period-start">{t("plans.details.periodStart")}</Label>
            {template?.periodMonths ? (
              <span className="usa-hint" id="plan-period-hint">
                {t("plans.new.periodHint", { months: template.periodMonths })}
              </span>
            ) : null}
            <input
              id="plan-period-start"
              name="periodStart"
              type="date"
              className="usa-input plan-date-input"
              value={periodStart}
              aria-describedby={template?.periodMonths ? "plan-period-hint" : undefined}
              onChange={(event) => setPeriodStart(event.target.value)}
            />
          </FormGroup>
          {template && !template.periodMonths ? (
            <FormGroup error={Boolean(errors["plan-period-end"])}>
              <Label htmlFor="plan-period-end">{t("plans.details.periodEnd")}</Label>
              {errors["plan-period-end"] ? (
                <ErrorMessage id="plan-period-end-error">{errors["plan-period-end"]}</ErrorMessage>
              ) : null}
              <input
                id="plan-period-end"
                name="periodEnd"
                type="date"
                className="usa-input plan-date-input"
                value={periodEnd}
                aria-describedby={errors["plan-period-end"] ? "plan-period-end-error" : undefined}
                onChange={(event) => setPeriodEnd(event.target.value)}
              />
            </FormGroup>
          ) : null}
          {requiredFields.map((field) => {
            const id = `header-${field.key}`;
            const error = errors[id];
            return (
              <FormGroup key={field.key} error={Boolean(error)}>
                {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
                <FieldInput
                  id={id}
                  field={field}
                  value={header[field.key] ?? (field.type === "contacts" ? [] : "")}
                  onChange={(value) => setHeader((current) => ({ ...current, [field.key]: value }))}
                  describedBy={error ? `${id}-error` : undefined}
                />
                {field.help ? <span className="usa-hint display-block">{localize(field.help)}</span> : null}
              </FormGroup>
            );
          })}
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? t("plans.new.creating") : t("plans.new.submit")}
          </Button>
        </Form>
      ) : null}
    </Page>
  );
}
