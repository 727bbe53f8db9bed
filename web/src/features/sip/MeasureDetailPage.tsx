import "./sip.css";
import { Button, Fieldset, FormGroup, Label, Radio, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { queryString } from "../../app/api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { useIsoDateFormat } from "../plans/plans.format.ts";
import { MeasureChart } from "./MeasureChart.tsx";
import { Caveat, NeedsImprovementText, ValueText } from "./MeasuresPage.tsx";
import { useMeasureSeries, useSetNeedsImprovement } from "./sip.api.ts";
import { useNumberFormat } from "./sip.format.ts";
import type { MeasureSeries } from "./sip.types.ts";
import { TableWrap } from "./TableWrap.tsx";

/** One measure of a county: chart and table over time against national performance; needs improvement. */
export function MeasureDetailPage() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const [params] = useSearchParams();
  const county = params.get("county");
  const series = useMeasureSeries(code, county);
  const formatNumber = useNumberFormat();
  const title = series.data
    ? t("sip.measures.detailTitle", {
        code: series.data.measure.code,
        name: series.data.measure.name,
        county: series.data.county,
      })
    : t("sip.measures.title");
  return (
    <Page title={title}>
      <p>
        <Link className="usa-link" to={`/sip/measures${queryString({ county })}`}>
          {t("sip.measures.back")}
        </Link>
      </p>
      {series.isPending ? <Loading /> : null}
      {series.isError ? <ErrorAlert error={series.error} /> : null}
      {series.data ? (
        <>
          <p>
            {series.data.measure.nationalPerformance === null
              ? t("sip.measures.noNational")
              : t("sip.measures.nationalSentence", {
                  value: formatNumber(series.data.measure.nationalPerformance),
                  unit: series.data.measure.unit ?? "",
                })}{" "}
            {series.data.measure.better
              ? t(`sip.measures.betterSentence.${series.data.measure.better}`)
              : null}
          </p>
          <Caveat />
          <h2>{t("sip.measures.overTime")}</h2>
          <MeasureChart series={series.data} />
          <SeriesTable series={series.data} />
          <NeedsImprovementSection series={series.data} editable={county === null} />
        </>
      ) : null}
    </Page>
  );
}

function SeriesTable({ series }: { series: MeasureSeries }) {
  const { t } = useTranslation();
  const formatNumber = useNumberFormat();
  const national = series.measure.nationalPerformance;
  return (
    <TableWrap label={t("sip.measures.tableCaption", { county: series.county })}>
      <table className="usa-table usa-table--borderless usa-table--stacked sip-table">
        <caption>{t("sip.measures.tableCaption", { county: series.county })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("sip.measures.period")}</th>
            <th scope="col">{t("sip.measures.value")}</th>
            <th scope="col">{t("sip.measures.numerator")}</th>
            <th scope="col">{t("sip.measures.denominator")}</th>
            <th scope="col">{t("sip.measures.national")}</th>
          </tr>
        </thead>
        <tbody>
          {series.points.map((p) => (
            <tr key={p.periodEnd}>
              <th scope="row" data-label={t("sip.measures.period")}>
                {p.periodLabel}
              </th>
              <td data-label={t("sip.measures.value")}>
                <ValueText value={p.value} masked={p.masked} />
              </td>
              <td data-label={t("sip.measures.numerator")}>
                {p.masked ? t("sip.measures.masked") : p.numerator === null ? "—" : formatNumber(p.numerator)}
              </td>
              <td data-label={t("sip.measures.denominator")}>
                {p.masked
                  ? t("sip.measures.masked")
                  : p.denominator === null
                    ? "—"
                    : formatNumber(p.denominator)}
              </td>
              <td data-label={t("sip.measures.national")}>
                {national === null ? "—" : formatNumber(national)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function NeedsImprovementSection({ series, editable }: { series: MeasureSeries; editable: boolean }) {
  const { t } = useTranslation();
  const formatDate = useIsoDateFormat();
  const set = useSetNeedsImprovement(series.measure.code);
  const id = useId();
  const current = series.needsImprovement;
  const [choice, setChoice] = useState<boolean>(current.effective);
  const [reason, setReason] = useState(current.override?.reason ?? "");
  const [missing, setMissing] = useState(false);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setMissing(false);
    set.mutate({ needsImprovement: choice, reason: reason.trim() });
  }
  return (
    <section aria-labelledby={`${id}-heading`} className="sip-panel">
      <h2 id={`${id}-heading`}>{t("sip.measures.needsImprovement")}</h2>
      <p>
        <NeedsImprovementText value={current} />
      </p>
      <p>
        {current.computed === null
          ? t("sip.measures.computedUnknown")
          : current.computed
            ? t("sip.measures.computedYes")
            : t("sip.measures.computedNo")}
      </p>
      {current.override ? (
        <p>
          {t("sip.measures.overrideSentence", {
            value: current.override.needsImprovement ? t("sip.measures.needsYes") : t("sip.measures.needsNo"),
            date: formatDate(current.override.setAt.slice(0, 10)),
            reason: current.override.reason,
          })}
        </p>
      ) : null}
      {editable ? (
        <form className="usa-form usa-form--large" onSubmit={submit} noValidate>
          <Fieldset legend={t("sip.measures.overrideLegend")}>
            <Radio
              id={`${id}-yes`}
              name="needs"
              label={t("sip.measures.needsYes")}
              checked={choice}
              onChange={() => setChoice(true)}
            />
            <Radio
              id={`${id}-no`}
              name="needs"
              label={t("sip.measures.needsNo")}
              checked={!choice}
              onChange={() => setChoice(false)}
            />
          </Fieldset>
          <FormGroup error={missing}>
            <Label htmlFor={`${id}-reason`}>{t("sip.measures.reason")}</Label>
            <span className="usa-hint" id={`${id}-hint`}>
              {t("sip.measures.reasonHint")}
            </span>
            {missing ? (
              <span className="usa-error-message" id={`${id}-error`}>
                {t("sip.measures.reasonRequired")}
              </span>
            ) : null}
            <Textarea
              id={`${id}-reason`}
              name="reason"
              maxLength={2000}
              value={reason}
              aria-describedby={`${id}-hint${missing ? ` ${id}-error` : ""}`}
              onChange={(event) => setReason(event.target.value)}
            />
          </FormGroup>
          <Button type="submit" disabled={set.isPending}>
            {t("sip.measures.saveJudgment")}
          </Button>
          {set.isSuccess ? <SuccessAlert>{t("sip.measures.saved")}</SuccessAlert> : null}
          {set.isError ? <ErrorAlert error={set.error} /> : null}
        </form>
      ) : null}
    </section>
  );
}
