import { Button, ErrorMessage, Form, FormGroup, Label, Select, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { todayIso, useDateFormat } from "../families/FamilyBits.tsx";
import type { FamilyDocument } from "../families/families.api.ts";
import {
  PROGRAM_RECORD_KINDS,
  type ProgramRecordKind,
  useCreateProgramRecord,
  useProgramRecords,
} from "./consent.api.ts";

/** Welfare-to-work eligibility and child-welfare history the organization holds: shared only with consent. */
export function ProgramRecordsSection({ family }: { family: FamilyDocument }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const records = useProgramRecords(family.id);
  const create = useCreateProgramRecord(family.id);
  const [kind, setKind] = useState<ProgramRecordKind>("welfare_to_work_eligibility");
  const [recordedOn, setRecordedOn] = useState(todayIso());
  const [summary, setSummary] = useState("");
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!summary.trim()) {
      setMissing(true);
      document.getElementById("program-record-summary")?.focus();
      return;
    }
    create.mutate(
      { kind, recordedOn, summary: summary.trim() },
      {
        onSuccess: () => {
          setSummary("");
          setMissing(false);
        },
      },
    );
  }

  const items = records.data?.items ?? [];
  return (
    <section className="families-section" aria-labelledby="program-records-heading">
      <h2 id="program-records-heading">{t("consent.programRecords.heading")}</h2>
      <p>{t("consent.programRecords.intro")}</p>
      {records.isPending ? <Loading /> : null}
      {records.isError ? <ErrorAlert error={records.error} /> : null}
      {records.data && items.length === 0 ? <p>{t("consent.programRecords.none")}</p> : null}
      {items.length > 0 ? (
        <table className="usa-table usa-table--stacked-header usa-table--compact width-full">
          <caption>{t("consent.programRecords.caption", { count: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consent.programRecords.recordedOn")}</th>
              <th scope="col">{t("consent.programRecords.kind")}</th>
              <th scope="col">{t("consent.programRecords.summary")}</th>
              <th scope="col">{t("consent.programRecords.recordedBy")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <th scope="row" data-label={t("consent.programRecords.recordedOn")}>
                  {formatDate(r.recordedOn)}
                </th>
                <td data-label={t("consent.programRecords.kind")}>
                  {t(`consent.programRecords.kinds.${r.kind}`)}
                </td>
                <td data-label={t("consent.programRecords.summary")}>{r.summary}</td>
                <td data-label={t("consent.programRecords.recordedBy")}>{r.recordedByName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Form onSubmit={submit} noValidate className="families-no-print">
        <h3>{t("consent.programRecords.add")}</h3>
        {create.error ? <ErrorAlert error={create.error} /> : null}
        <FormGroup>
          <Label htmlFor="program-record-kind">{t("consent.programRecords.kind")}</Label>
          <Select
            id="program-record-kind"
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ProgramRecordKind)}
          >
            {PROGRAM_RECORD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`consent.programRecords.kinds.${k}`)}
              </option>
            ))}
          </Select>
        </FormGroup>
        <FormGroup>
          <Label htmlFor="program-record-date">{t("consent.programRecords.recordedOn")}</Label>
          <input
            id="program-record-date"
            name="recordedOn"
            type="date"
            className="usa-input"
            required
            max={todayIso()}
            value={recordedOn}
            onChange={(e) => setRecordedOn(e.target.value)}
          />
        </FormGroup>
        <FormGroup error={missing}>
          <Label htmlFor="program-record-summary" error={missing}>
            {t("consent.programRecords.summary")}
          </Label>
          {missing ? (
            <ErrorMessage id="program-record-summary-error">
              {t("consent.programRecords.summaryRequired")}
            </ErrorMessage>
          ) : null}
          <Textarea
            id="program-record-summary"
            name="summary"
            maxLength={4000}
            required
            error={missing}
            aria-describedby={missing ? "program-record-summary-error" : undefined}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
        </FormGroup>
        <Button type="submit" disabled={create.isPending} className="margin-top-2">
          {t("consent.programRecords.save")}
        </Button>
      </Form>
    </section>
  );
}
