import "./sip.css";
import {
  Button,
  Label,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  TextInput,
} from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { queryString } from "../../app/api.ts";
import { activeMembership, useSignedInMe } from "../../app/session.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { MeasureReferenceForm } from "./MeasureReferenceForm.tsx";
import { PerformanceImport } from "./PerformanceImport.tsx";
import { useMeasures } from "./sip.api.ts";
import { useNumberFormat } from "./sip.format.ts";
import type { MeasureSummary, NeedsImprovement } from "./sip.types.ts";
import { TableWrap } from "./TableWrap.tsx";

export function Caveat() {
  const { t } = useTranslation();
  return (
    <SummaryBox className="sip-caveat">
      <SummaryBoxHeading headingLevel="h2">{t("sip.measures.caveatTitle")}</SummaryBoxHeading>
      <SummaryBoxContent>
        <p className="margin-0">{t("sip.measures.caveat")}</p>
      </SummaryBoxContent>
    </SummaryBox>
  );
}

export function NeedsImprovementText({ value }: { value: NeedsImprovement | null }) {
  const { t } = useTranslation();
  if (!value) return <>—</>;
  const word = value.effective ? t("sip.measures.needsYes") : t("sip.measures.needsNo");
  return (
    <>
      <span className={`usa-tag sip-needs sip-needs--${value.effective ? "yes" : "no"}`}>{word}</span>
      <span className="display-block sip-needs__source">
        {value.override
          ? t("sip.measures.byCounty")
          : value.computed === null
            ? t("sip.measures.notComputed")
            : t("sip.measures.computed")}
      </span>
    </>
  );
}

export function ValueText({ value, masked }: { value: number | null; masked: boolean }) {
  const { t } = useTranslation();
  const formatNumber = useNumberFormat();
  if (masked) return <span className="usa-tag sip-masked">{t("sip.measures.masked")}</span>;
  return <>{value === null ? "—" : formatNumber(value)}</>;
}

/** A county's outcome measures: latest observed value, national performance, needs improvement. */
export function MeasuresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get("county");
  const measures = useMeasures(requested);
  const [county, setCounty] = useState(requested ?? "");
  const formatNumber = useNumberFormat();
  const membership = activeMembership(useSignedInMe());
  const stateAdmin = membership?.organizationType === "state_agency" && membership.role === "admin";
  const shown = measures.data?.county ?? null;
  function choose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(county.trim() ? { county: county.trim() } : {});
  }
  const groups: { kind: MeasureSummary["measure"]["kind"]; items: MeasureSummary[] }[] = (
    ["federal", "state", "systemic_factor"] as const
  ).map((kind) => ({ kind, items: (measures.data?.items ?? []).filter((m) => m.measure.kind === kind) }));
  return (
    <Page
      title={shown ? t("sip.measures.titleFor", { county: shown }) : t("sip.measures.title")}
      intro={t("sip.measures.intro")}
    >
      <p>
        <Link className="usa-link" to="/sip">
          {t("sip.backToSip")}
        </Link>
      </p>
      <form className="usa-form sip-county-form" onSubmit={choose}>
        <Label htmlFor="measures-county">{t("sip.measures.county")}</Label>
        <div className="sip-county-form__row">
          <TextInput
            id="measures-county"
            name="county"
            type="text"
            maxLength={100}
            value={county}
            onChange={(event) => setCounty(event.target.value)}
          />
          <Button type="submit">{t("sip.measures.show")}</Button>
        </div>
      </form>
      <Caveat />
      {measures.isPending ? <Loading /> : null}
      {measures.isError ? <ErrorAlert error={measures.error} /> : null}
      {measures.data && !shown ? <p>{t("sip.measures.noCounty")}</p> : null}
      {groups.map((group) =>
        group.items.length === 0 ? null : (
          <section key={group.kind} aria-labelledby={`measures-${group.kind}`}>
            <h2 id={`measures-${group.kind}`}>{t(`sip.measures.kinds.${group.kind}`)}</h2>
            <TableWrap label={t(`sip.measures.kinds.${group.kind}`)}>
              <table className="usa-table usa-table--borderless usa-table--stacked sip-table">
                <caption className="usa-sr-only">{t(`sip.measures.kinds.${group.kind}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("sip.measures.measure")}</th>
                    <th scope="col">{t("sip.measures.latest")}</th>
                    <th scope="col">{t("sip.measures.national")}</th>
                    <th scope="col">{t("sip.measures.better")}</th>
                    <th scope="col">{t("sip.measures.needsImprovement")}</th>
                    <th scope="col">{t("sip.measures.component")}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.items.map((item) => (
                    <tr key={item.measure.id}>
                      <th scope="row" data-label={t("sip.measures.measure")}>
                        {shown && group.kind !== "systemic_factor" ? (
                          <Link
                            className="usa-link"
                            to={`/sip/measures/${encodeURIComponent(item.measure.code)}${queryString({ county: requested })}`}
                          >
                            {item.measure.code} {item.measure.name}
                          </Link>
                        ) : (
                          `${item.measure.code} ${item.measure.name}`
                        )}
                        {item.measure.safety ? (
                          <span className="usa-tag sip-safety">{t("sip.measures.safety")}</span>
                        ) : null}
                      </th>
                      <td data-label={t("sip.measures.latest")}>
                        {item.latest ? (
                          <>
                            <ValueText value={item.latest.value} masked={item.latest.masked} />
                            <span className="display-block sip-period">{item.latest.periodLabel}</span>
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td data-label={t("sip.measures.national")}>
                        {item.measure.nationalPerformance === null
                          ? "—"
                          : formatNumber(item.measure.nationalPerformance)}
                      </td>
                      <td data-label={t("sip.measures.better")}>
                        {item.measure.better ? t(`sip.measures.betterIs.${item.measure.better}`) : "—"}
                      </td>
                      <td data-label={t("sip.measures.needsImprovement")}>
                        <NeedsImprovementText value={item.needsImprovement} />
                      </td>
                      <td data-label={t("sip.measures.component")}>
                        {item.components.length === 0
                          ? "—"
                          : item.components.map((c) => (
                              <Link
                                key={c.itemId}
                                className="usa-link display-block"
                                to={`/plans/${c.planId}#item-${c.itemId}`}
                              >
                                {t("sip.measures.componentLink", { plan: c.planTitle })}
                              </Link>
                            ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </section>
        ),
      )}
      <PerformanceImport />
      {stateAdmin && measures.data ? (
        <MeasureReferenceForm measures={measures.data.items.map((item) => item.measure)} />
      ) : null}
    </Page>
  );
}
