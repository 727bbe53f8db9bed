import { Checkbox, Fieldset, Radio } from "@trussworks/react-uswds";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { ApiError } from "../../app/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { Page } from "../../ui/Page.tsx";
import { SECTORS, type Sector } from "./ta.api.ts";

/** The parts of the TA area, listed under every page's heading. */
const SECTIONS = [
  { to: "/ta", label: "ta.nav.board", end: true },
  { to: "/ta/dashboard", label: "ta.nav.dashboard", end: false },
  { to: "/ta/partnerships", label: "ta.nav.partnerships", end: false },
  { to: "/ta/library", label: "ta.nav.library", end: false },
  { to: "/ta/trainings", label: "ta.nav.trainings", end: false },
] as const;

/** A page of the TA area: its one h1, then the area's own navigation. */
export function TaPage({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Page title={title} intro={intro}>
      <nav aria-label={t("ta.nav.label")} className="margin-bottom-3">
        <ul className="usa-button-group ta-tabs">
          {SECTIONS.map((section) => (
            <li key={section.to} className="usa-button-group__item">
              <NavLink
                to={section.to}
                end={section.end}
                className={({ isActive }) =>
                  isActive ? "usa-button usa-button--base" : "usa-button usa-button--outline"
                }
              >
                {t(section.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </Page>
  );
}

/** Codes of the TA API the shared catalogue does not know; everything else goes to errorMessage. */
const TA_ERROR_CODES: Record<string, string> = {
  "ta.transition_invalid": "ta.errors.transitionInvalid",
  "ta.overlap_decided": "ta.errors.overlapDecided",
  "training.full": "ta.errors.trainingFull",
  "survey.response_limit": "ta.errors.responseLimit",
  "library.file_rejected": "ta.errors.fileRejected",
  "conflict.stale_version": "ta.errors.stale",
  "resource.not_found": "ta.errors.notFound",
  "access.denied": "ta.errors.accessDenied",
};

export function taErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = TA_ERROR_CODES[error.code];
    if (key) return t(key as "ta.errors.stale");
  }
  return errorMessage(t, error);
}

/** A translated error, announced as it appears. */
export function TaError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{taErrorMessage(t, error)}</p>
      </div>
    </div>
  );
}

export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.code === "conflict.stale_version";
}

const STATUS_CLASS: Record<string, string> = {
  open: "bg-primary",
  planned: "bg-accent-cool-darker",
  in_progress: "bg-primary-darker",
  completed: "bg-green",
  declined: "bg-secondary-darker",
  withdrawn: "bg-base-dark",
  cancelled: "bg-base-dark",
  dismissed: "bg-base-dark",
  linked: "bg-green",
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`usa-tag ${STATUS_CLASS[status] ?? "bg-base-darker"}`}>
      {t(`ta.status.${status}` as "ta.status.open")}
    </span>
  );
}

export function sectorNames(t: TFunction, sectors: readonly string[]): string {
  return sectors.map((s) => t(`ta.sectors.${s}` as "ta.sectors.health")).join(", ");
}

/** A table that may scroll sideways on a narrow screen; focusable so keyboard users can scroll it too. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this groups a table to scroll it
    <div className="ta-table-wrap" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export function DetailItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="margin-bottom-1">
      <dt className="text-bold">{label}</dt>
      <dd className="margin-left-0 ta-prewrap">{children}</dd>
    </div>
  );
}

/** Sectors as a group of checkboxes with a legend. */
export function SectorCheckboxes({
  idPrefix,
  value,
  onChange,
  legend,
  error,
}: {
  idPrefix: string;
  value: Sector[];
  onChange: (value: Sector[]) => void;
  legend: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={legend} className="margin-top-2">
      {error ? (
        <span className="usa-error-message" id={`${idPrefix}-sectors-error`} role="alert">
          {error}
        </span>
      ) : null}
      {SECTORS.map((sector) => (
        <Checkbox
          key={sector}
          id={`${idPrefix}-sector-${sector}`}
          name={`${idPrefix}-sectors`}
          label={t(`ta.sectors.${sector}`)}
          checked={value.includes(sector)}
          onChange={(e) =>
            onChange(e.target.checked ? [...value, sector] : value.filter((s) => s !== sector))
          }
        />
      ))}
    </Fieldset>
  );
}

/** A required choice among a few values, as radio buttons in a fieldset. */
export function RadioGroup<T extends string>({
  idPrefix,
  legend,
  options,
  value,
  onChange,
  labelOf,
}: {
  idPrefix: string;
  legend: string;
  options: readonly T[];
  value: T | "";
  onChange: (value: T) => void;
  labelOf: (option: T) => string;
}) {
  return (
    <Fieldset legend={legend} className="margin-top-2">
      {options.map((option) => (
        <Radio
          key={option}
          id={`${idPrefix}-${option}`}
          name={idPrefix}
          value={option}
          label={labelOf(option)}
          checked={value === option}
          onChange={() => onChange(option)}
        />
      ))}
    </Fieldset>
  );
}

/** "2026-11-23" → the day in the page language (no time zone shift). */
export function useDayFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === "es" ? "es" : "en";
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  return (value: string | null | undefined): string => {
    if (!value) return "—";
    const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? value : format.format(date);
  };
}

export function useTimestampFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === "es" ? "es" : "en";
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (value: string | null | undefined): string => (value ? format.format(new Date(value)) : "—");
}

export function useNumberFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === "es" ? "es" : "en";
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (value: number | null | undefined): string =>
    value === null || value === undefined ? "—" : format.format(value);
}

/** Reads a picked file as base64 (without the data: prefix) for the JSON APIs that take files inline. */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const text = String(reader.result);
      resolve(text.slice(text.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Validation details keyed by the last part of their field path ("/body/wantedTo" → "wantedTo"). */
export function apiFieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const detail of error.details) {
    if (!detail.field) continue;
    const name = detail.field.split("/").filter(Boolean).pop();
    if (name && !(name in result)) result[name] = detail.message;
  }
  return result;
}
