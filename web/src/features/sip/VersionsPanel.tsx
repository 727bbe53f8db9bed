import { Label, Select } from "@trussworks/react-uswds";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { levelOf, useIsoDateFormat, useLocalize } from "../plans/plans.format.ts";
import type { PlanDocument } from "../plans/plans.types.ts";
import { useVersionDiff } from "./sip.api.ts";
import { useTimestampFormat } from "./sip.format.ts";
import type { ItemChange, PlanVersion } from "./sip.types.ts";
import { TableWrap } from "./TableWrap.tsx";

/** Accepted versions (1 at acceptance, one per annual update) and what changed since one of them. */
export function VersionsPanel({ plan, versions }: { plan: PlanDocument; versions: PlanVersion[] }) {
  const { t } = useTranslation();
  const formatTime = useTimestampFormat();
  const formatDate = useIsoDateFormat();
  const id = useId();
  const latest = versions.at(-1)?.version ?? null;
  const [from, setFrom] = useState<number | null>(latest);
  const [to, setTo] = useState<number | "current">("current");
  const chosenFrom = from ?? latest;
  return (
    <section aria-labelledby="sip-versions-heading" className="sip-panel">
      <h2 id="sip-versions-heading">{t("sip.versions.title")}</h2>
      {versions.length === 0 ? (
        <p>{t("sip.versions.empty")}</p>
      ) : (
        <>
          <TableWrap label={t("sip.versions.title")}>
            <table className="usa-table usa-table--borderless sip-table">
              <caption className="usa-sr-only">{t("sip.versions.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("sip.versions.version")}</th>
                  <th scope="col">{t("sip.versions.acceptedAt")}</th>
                  <th scope="col">{t("sip.versions.annualUpdateDue")}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version}>
                    <th scope="row">{t("sip.versions.versionN", { version: v.version })}</th>
                    <td>{formatTime(v.acceptedAt)}</td>
                    <td>{formatDate(v.annualUpdateDue)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h3 id={`${id}-diff`}>{t("sip.versions.diffTitle")}</h3>
          <div className="sip-diff-choice">
            <div>
              <Label htmlFor={`${id}-from`}>{t("sip.versions.from")}</Label>
              <Select
                id={`${id}-from`}
                name="from"
                value={String(chosenFrom)}
                onChange={(event) => setFrom(Number(event.target.value))}
              >
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t("sip.versions.versionN", { version: v.version })}
                  </option>
                ))}
              </Select>
            </div>
            <div>
              <Label htmlFor={`${id}-to`}>{t("sip.versions.to")}</Label>
              <Select
                id={`${id}-to`}
                name="to"
                value={String(to)}
                onChange={(event) =>
                  setTo(event.target.value === "current" ? "current" : Number(event.target.value))
                }
              >
                <option value="current">{t("sip.versions.current")}</option>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t("sip.versions.versionN", { version: v.version })}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          <DiffTable plan={plan} from={chosenFrom} to={to} labelledBy={`${id}-diff`} />
        </>
      )}
    </section>
  );
}

function DiffTable({
  plan,
  from,
  to,
  labelledBy,
}: {
  plan: PlanDocument;
  from: number | null;
  to: number | "current";
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const diff = useVersionDiff(plan.id, from, to);
  if (diff.isPending) return <Loading />;
  if (diff.isError) return <ErrorAlert error={diff.error} />;
  const changes = diff.data.changes;
  if (changes.length === 0) return <p>{t("sip.versions.noChanges")}</p>;
  const levelName = (change: ItemChange) => {
    const level = levelOf(plan.template, change.level);
    const base = level ? localize(level.numbering.prefix) || localize(level.label) : change.level;
    return change.number ? `${base} ${change.number}` : base;
  };
  return (
    <TableWrap label={t("sip.versions.diffTitle")}>
      <table
        className="usa-table usa-table--borderless usa-table--stacked sip-table sip-diff"
        aria-labelledby={labelledBy}
      >
        <thead>
          <tr>
            <th scope="col">{t("sip.versions.item")}</th>
            <th scope="col">{t("sip.versions.change")}</th>
            <th scope="col">{t("sip.versions.what")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={`${change.itemId}-${change.change}`}>
              <th scope="row" data-label={t("sip.versions.item")}>
                <span className="display-block">{levelName(change)}</span>
                <span className="sip-diff__title">{change.title}</span>
              </th>
              <td data-label={t("sip.versions.change")}>
                <span className={`usa-tag sip-change sip-change--${change.change}`}>
                  {t(`sip.versions.changes.${change.change}`)}
                </span>
              </td>
              <td data-label={t("sip.versions.what")}>
                {change.fields ? (
                  <ul className="sip-diff__fields">
                    {Object.entries(change.fields).map(([field, [before, after]]) => (
                      <li key={field}>
                        <ChangedField field={field} before={before} after={after} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function ChangedField({ field, before, after }: { field: string; before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const show = (value: unknown) => {
    if (value === null || value === undefined || value === "") return t("sip.versions.nothing");
    if (field === "status") return t(`plans.status.${String(value)}`, { defaultValue: String(value) });
    if (typeof value === "object") return t("sip.versions.detailsChanged");
    return String(value);
  };
  if (field === "fields") return <>{t("sip.versions.fieldsChanged")}</>;
  return (
    <>
      <strong>{t(`sip.versions.fields.${field}`, { defaultValue: field })}</strong>:{" "}
      {t("sip.versions.beforeAfter", { before: show(before), after: show(after) })}
    </>
  );
}
