import "./privacy.css";
import { Alert, Button, Checkbox, Form, FormGroup, Label, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { useDateFormat } from "../families/FamilyBits.tsx";
import {
  RETENTION_MAX_MONTHS,
  type RetentionPreview,
  type RetentionRecordType,
  type RetentionRule,
  useApplyRetention,
  usePreviewRetention,
  useRetentionRules,
  useUpdateRetentionRule,
} from "./privacy.api.ts";

const RECORD_TYPES: RetentionRecordType[] = ["closed_family", "finished_referral", "ended_consent_form"];

/** Retention rules per record type, a dry run of what they would change, and applying it. */
export function RetentionPanel() {
  const { t } = useTranslation();
  const rules = useRetentionRules();
  return (
    <>
      <h2>{t("privacy.retention.title")}</h2>
      <p>{t("privacy.retention.intro")}</p>
      {rules.isPending ? <Loading /> : null}
      {rules.isError ? <ErrorAlert error={rules.error} /> : null}
      {rules.data ? (
        <div className="retention-rules">
          {RECORD_TYPES.map((type) => {
            const rule = rules.data.items.find((r) => r.recordType === type);
            return rule ? <RuleForm key={type} rule={rule} /> : null;
          })}
        </div>
      ) : null}
      <RetentionRun />
    </>
  );
}

function RuleForm({ rule }: { rule: RetentionRule }) {
  const { t } = useTranslation();
  const update = useUpdateRetentionRule();
  const [months, setMonths] = useState(String(rule.afterMonths));
  const [enabled, setEnabled] = useState(rule.enabled);
  const [invalid, setInvalid] = useState(false);
  const [saved, setSaved] = useState(false);
  const id = `retention-${rule.recordType}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const afterMonths = Number(months);
    if (!Number.isInteger(afterMonths) || afterMonths < 1 || afterMonths > RETENTION_MAX_MONTHS) {
      setInvalid(true);
      document.getElementById(`${id}-months`)?.focus();
      return;
    }
    setInvalid(false);
    setSaved(false);
    update.mutate(
      { recordType: rule.recordType, afterMonths, enabled, version: rule.version },
      { onSuccess: () => setSaved(true) },
    );
  }

  return (
    <Form onSubmit={submit} noValidate className="consent-card">
      <h3 className="font-heading-sm">{t(`privacy.retention.types.${rule.recordType}.label`)}</h3>
      <p className="usa-hint">{t(`privacy.retention.types.${rule.recordType}.description`)}</p>
      {update.error ? <ErrorAlert error={update.error} /> : null}
      {saved ? <SuccessAlert>{t("privacy.retention.saved")}</SuccessAlert> : null}
      <FormGroup error={invalid}>
        <Label htmlFor={`${id}-months`} error={invalid}>
          {t("privacy.retention.afterMonths")}
        </Label>
        {invalid ? (
          <span className="usa-error-message" id={`${id}-months-error`}>
            {t("privacy.retention.monthsInvalid", { max: RETENTION_MAX_MONTHS })}
          </span>
        ) : null}
        <TextInput
          id={`${id}-months`}
          name="afterMonths"
          type="number"
          min={1}
          max={RETENTION_MAX_MONTHS}
          inputMode="numeric"
          value={months}
          validationStatus={invalid ? "error" : undefined}
          aria-describedby={invalid ? `${id}-months-error` : undefined}
          onChange={(e) => setMonths(e.target.value)}
        />
      </FormGroup>
      <Checkbox
        id={`${id}-enabled`}
        name="enabled"
        className="margin-top-2"
        label={t("privacy.retention.enabled")}
        checked={enabled}
        onChange={(e) => setEnabled(e.target.checked)}
      />
      <Button type="submit" outline disabled={update.isPending} className="margin-top-2">
        {t("privacy.retention.save", {
          type: t(`privacy.retention.types.${rule.recordType}.label`).toLocaleLowerCase(),
        })}
      </Button>
    </Form>
  );
}

function RetentionRun() {
  const { t } = useTranslation();
  const preview = usePreviewRetention();
  const apply = useApplyRetention();
  const [confirming, setConfirming] = useState(false);
  const stale = isApiError(apply.error, "retention.preview_stale");

  function runPreview() {
    apply.reset();
    setConfirming(false);
    preview.mutate();
  }

  function runApply(previewId: string) {
    apply.mutate(previewId, { onSuccess: () => setConfirming(false) });
  }

  return (
    <section aria-labelledby="retention-run-heading" className="margin-top-4">
      <h3 id="retention-run-heading">{t("privacy.retention.runHeading")}</h3>
      <p>{t("privacy.retention.runIntro")}</p>
      <Button type="button" onClick={runPreview} disabled={preview.isPending}>
        {t("privacy.retention.preview")}
      </Button>
      {preview.isPending ? <Loading /> : null}
      {preview.error ? <ErrorAlert error={preview.error} /> : null}
      {stale ? (
        <Alert type="warning" headingLevel="h4" slim role="alert">
          {t("privacy.retention.stale")}
        </Alert>
      ) : apply.error ? (
        <ErrorAlert error={apply.error} />
      ) : null}
      {apply.isSuccess ? <SuccessAlert>{t("privacy.retention.applied")}</SuccessAlert> : null}
      {preview.data && !apply.isSuccess ? (
        <PreviewResult preview={preview.data}>
          {confirming ? (
            <Alert type="warning" headingLevel="h4" heading={t("privacy.retention.confirmHeading")}>
              <p>{t("privacy.retention.confirm")}</p>
              <Button
                type="button"
                secondary
                disabled={apply.isPending}
                onClick={() => runApply(preview.data.previewId)}
              >
                {t("privacy.retention.confirmApply")}
              </Button>
              <Button type="button" unstyled className="margin-left-2" onClick={() => setConfirming(false)}>
                {t("consent.cancel")}
              </Button>
            </Alert>
          ) : (
            <Button type="button" secondary onClick={() => setConfirming(true)} disabled={stale}>
              {t("privacy.retention.apply")}
            </Button>
          )}
        </PreviewResult>
      ) : null}
    </section>
  );
}

function PreviewResult({ preview, children }: { preview: RetentionPreview; children: ReactNode }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const total = RECORD_TYPES.reduce((sum, type) => sum + preview.counts[type], 0);
  return (
    <div className="margin-top-2" aria-live="polite">
      <table className="usa-table usa-table--compact">
        <caption>{t("privacy.retention.countsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("privacy.retention.recordType")}</th>
            <th scope="col">{t("privacy.retention.count")}</th>
          </tr>
        </thead>
        <tbody>
          {RECORD_TYPES.map((type) => (
            <tr key={type}>
              <th scope="row">{t(`privacy.retention.types.${type}.label`)}</th>
              <td>{preview.counts[type]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.items.length > 0 ? (
        <div className="consent-section-table">
          <table className="usa-table usa-table--compact usa-table--stacked-header">
            <caption>{t("privacy.retention.itemsCaption", { count: preview.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("privacy.retention.recordType")}</th>
                <th scope="col">{t("privacy.retention.item")}</th>
                <th scope="col">{t("privacy.retention.endedOn")}</th>
                <th scope="col">{t("privacy.retention.ruleState")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.items.map((item) => (
                <tr key={`${item.recordType}-${item.recordId}`}>
                  <th scope="row" data-label={t("privacy.retention.recordType")}>
                    {t(`privacy.retention.types.${item.recordType}.label`)}
                  </th>
                  <td data-label={t("privacy.retention.item")}>{item.label}</td>
                  <td data-label={t("privacy.retention.endedOn")}>{formatDate(item.endedOn)}</td>
                  <td data-label={t("privacy.retention.ruleState")}>
                    {item.enabled ? t("privacy.retention.willChange") : t("privacy.retention.ruleOff")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {total === 0 ? <p>{t("privacy.retention.nothing")}</p> : children}
    </div>
  );
}
