import { Button, FormGroup, Icon, Label } from "@trussworks/react-uswds";
import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { SuccessAlert } from "../../ui/StatusMessages.tsx";
import { type ExportFormat, exportHref, useImportCsv } from "./plans.api.ts";
import { usePageLocale } from "./plans.format.ts";
import type { PlanDocument } from "./plans.types.ts";

const FORMATS: { format: ExportFormat; extension: string }[] = [
  { format: "docx", extension: "docx" },
  { format: "pdf", extension: "pdf" },
  { format: "xlsx", extension: "xlsx" },
  { format: "csv", extension: "csv" },
];

function fileName(title: string, extension: string): string {
  const base =
    title
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "plan";
  return `${base}.${extension}`;
}

/** Downloads of the plan in the page language: Word and PDF like the document, Excel and CSV of the steps. */
export function ExportLinks({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const locale = usePageLocale();
  return (
    <div className="plan-export">
      <p className="plan-export__label" id="plan-export-label">
        {t("plans.export.label")}
      </p>
      <ul className="usa-button-group" aria-labelledby="plan-export-label">
        {FORMATS.map(({ format, extension }) => (
          <li key={format} className="usa-button-group__item">
            <a
              className="usa-button usa-button--outline plan-export__link"
              href={exportHref(plan.id, format, locale)}
              download={fileName(plan.title, extension)}
            >
              <Icon.FileDownload aria-hidden="true" focusable={false} />
              {t(`plans.export.${format}`)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Line and column of an import problem from its field ("line 3: due_date"). */
function splitField(field: string | undefined): { line: string; column: string } {
  const match = /^line\s+(\d+)\s*:?\s*(.*)$/i.exec(field ?? "");
  return match ? { line: match[1] ?? "", column: match[2] ?? "" } : { line: "", column: field ?? "" };
}

/** Imports action steps from a CSV file; a file with problems imports nothing and lists them per row. */
export function ImportCsv({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const importCsv = useImportCsv(plan.id);
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const id = useId();
  const panelId = `${id}-panel`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      document.getElementById(`${id}-file`)?.focus();
      return;
    }
    setMissingFile(false);
    importCsv.mutate(await file.text());
  }

  const error = importCsv.error;
  const rowProblems = isApiError(error, "validation.failed") ? error.details : [];

  return (
    <div className="plan-import">
      <Button
        type="button"
        outline
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        <Icon.FileUpload aria-hidden="true" focusable={false} />
        {t("plans.import.toggle")}
      </Button>
      <div id={panelId} hidden={!open} className="plan-import__panel">
        <p>{t("plans.import.intro")}</p>
        <form onSubmit={(event) => void submit(event)} noValidate className="usa-form usa-form--large">
          <FormGroup error={missingFile}>
            <Label htmlFor={`${id}-file`}>{t("plans.import.file")}</Label>
            <span className="usa-hint" id={`${id}-file-hint`}>
              {t("plans.import.hint")}
            </span>
            {missingFile ? (
              <span className="usa-error-message" id={`${id}-file-error`}>
                {t("plans.import.chooseFile")}
              </span>
            ) : null}
            <input
              type="file"
              className="usa-input plan-import__file"
              id={`${id}-file`}
              name="csv-file"
              accept=".csv,text/csv"
              aria-describedby={`${id}-file-hint${missingFile ? ` ${id}-file-error` : ""}`}
              onChange={(event: ChangeEvent<HTMLInputElement>) => setFile(event.target.files?.[0] ?? null)}
            />
          </FormGroup>
          <Button type="submit" disabled={importCsv.isPending}>
            {importCsv.isPending ? t("plans.import.importing") : t("plans.import.submit")}
          </Button>
        </form>
        {importCsv.isSuccess ? (
          <SuccessAlert>{t("plans.import.done", { count: importCsv.data.imported })}</SuccessAlert>
        ) : null}
        {error ? <ErrorAlert error={error} /> : null}
        {rowProblems.length > 0 ? (
          <>
            <p>{t("plans.import.nothingImported")}</p>
            <table className="usa-table usa-table--borderless plan-import__problems">
              <caption>{t("plans.import.problemsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("plans.import.line")}</th>
                  <th scope="col">{t("plans.import.column")}</th>
                  <th scope="col">{t("plans.import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {rowProblems.map((problem, index) => {
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
          </>
        ) : null}
      </div>
    </div>
  );
}
