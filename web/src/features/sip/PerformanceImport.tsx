import { Button, FormGroup, Label } from "@trussworks/react-uswds";
import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { useImportPerformance } from "./sip.api.ts";
import { TableWrap } from "./TableWrap.tsx";

/** "line 3: value" → line and column of an import problem. */
function splitField(field: string | undefined): { line: string; column: string } {
  const match = /^line\s+(\d+)\s*:?\s*(.*)$/i.exec(field ?? "");
  return match ? { line: match[1] ?? "", column: match[2] ?? "" } : { line: "", column: field ?? "" };
}

/** Uploads county performance (CSV or XLSX); a file with any problem imports nothing and lists each one. */
export function PerformanceImport() {
  const { t } = useTranslation();
  const upload = useImportPerformance();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setMissing(true);
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    setMissing(false);
    upload.mutate(file);
  }
  const problems = isApiError(upload.error, "validation.failed") ? upload.error.details : [];
  return (
    <section aria-labelledby={`${id}-heading`} className="sip-panel">
      <h2 id={`${id}-heading`}>{t("sip.import.title")}</h2>
      <p>{t("sip.import.intro")}</p>
      <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
        <FormGroup error={missing}>
          <Label htmlFor={`${id}-file`}>{t("sip.import.file")}</Label>
          <span className="usa-hint" id={`${id}-hint`}>
            {t("sip.import.hint")}
          </span>
          {missing ? (
            <span className="usa-error-message" id={`${id}-error`}>
              {t("sip.import.chooseFile")}
            </span>
          ) : null}
          <input
            type="file"
            className="usa-input sip-file"
            id={`${id}-file`}
            name="performance-file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={`${id}-hint${missing ? ` ${id}-error` : ""}`}
            onChange={(event: ChangeEvent<HTMLInputElement>) => setFile(event.target.files?.[0] ?? null)}
          />
        </FormGroup>
        <Button type="submit" disabled={upload.isPending}>
          {upload.isPending ? t("sip.import.importing") : t("sip.import.submit")}
        </Button>
      </form>
      {upload.isSuccess ? (
        <SuccessAlert>{t("sip.import.done", { rows: upload.data.rows })}</SuccessAlert>
      ) : null}
      {upload.error ? <ErrorAlert error={upload.error} /> : null}
      {problems.length > 0 ? (
        <>
          <p>{t("sip.import.nothingImported")}</p>
          <TableWrap label={t("sip.import.problemsCaption")}>
            <table className="usa-table usa-table--borderless sip-table">
              <caption>{t("sip.import.problemsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("sip.import.line")}</th>
                  <th scope="col">{t("sip.import.column")}</th>
                  <th scope="col">{t("sip.import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((problem, index) => {
                  const { line, column } = splitField(problem.field);
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: problems have no ids and never reorder
                    <tr key={index}>
                      <th scope="row">{line || "—"}</th>
                      <td>{column || "—"}</td>
                      <td>{problem.message}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : null}
    </section>
  );
}
