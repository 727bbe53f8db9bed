import "./ta.css";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import { CountBarChart } from "./Charts.tsx";
import { useTrainingResults, useTrainingResultsSummary } from "./learning.api.ts";
import { TableWrap, TaError, TaPage, useNumberFormat, useTimestampFormat } from "./TaBits.tsx";

export function useLocalText() {
  const { i18n } = useTranslation();
  return (text: { en: string; es: string }) => (i18n.resolvedLanguage === "es" ? text.es : text.en);
}

export function Results({ trainingId }: { trainingId: string }) {
  const { t } = useTranslation();
  const results = useTrainingResults(trainingId);
  const localText = useLocalText();
  const formatNumber = useNumberFormat();
  if (results.isPending) return <Loading />;
  if (results.isError) return <TaError error={results.error} />;
  const r = results.data;
  const answerLabel = (value: number) =>
    value === 1
      ? t("ta.results.anchorValue", { value, anchor: localText(r.anchors.low) })
      : value === r.scale
        ? t("ta.results.anchorValue", { value, anchor: localText(r.anchors.high) })
        : String(value);
  return (
    <section aria-labelledby="results-heading" className="margin-top-4">
      <h2 id="results-heading">{t("ta.results.heading")}</h2>
      <p>
        {t("ta.results.summary", {
          responses: r.responses,
          rate: r.responseRatePercent === null ? "—" : formatNumber(r.responseRatePercent),
          mean: formatNumber(r.meanOfItemMeans),
          scale: r.scale,
        })}
      </p>
      {r.responses === 0 ? (
        <EmptyState title={t("ta.results.noneTitle")}>{t("ta.results.none")}</EmptyState>
      ) : (
        <>
          <TableWrap label={t("ta.results.itemsCaption")}>
            <table className="usa-table usa-table--borderless usa-table--compact usa-table--stacked width-full ta-table--dense">
              <caption>{t("ta.results.itemsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ta.results.item")}</th>
                  <th scope="col">{t("ta.results.n")}</th>
                  <th scope="col">{t("ta.results.mean")}</th>
                  <th scope="col">{t("ta.results.percentAgree")}</th>
                </tr>
              </thead>
              <tbody>
                {r.likert.map((item) => (
                  <tr key={item.key}>
                    <th scope="row" data-label={t("ta.results.item")}>
                      {localText(item.text)}
                    </th>
                    <td data-label={t("ta.results.n")}>{item.n}</td>
                    <td data-label={t("ta.results.mean")}>{formatNumber(item.mean)}</td>
                    <td data-label={t("ta.results.percentAgree")}>
                      {item.percentAgree === null ? "—" : `${formatNumber(item.percentAgree)} %`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h3>{t("ta.results.distributions")}</h3>
          {r.likert.map((item) => (
            <div key={item.key} className="ta-card">
              <h4 className="margin-top-0">{localText(item.text)}</h4>
              <CountBarChart
                title={t("ta.results.chartTitle", { item: localText(item.text) })}
                summary={t("ta.results.chartSummary", {
                  n: item.n,
                  mean: formatNumber(item.mean),
                  agree: item.percentAgree === null ? "—" : formatNumber(item.percentAgree),
                })}
                data={item.distribution.map((count, index) => ({ label: String(index + 1), value: count }))}
              />
              <TableWrap label={t("ta.results.distributionCaption", { item: localText(item.text) })}>
                <table className="usa-table usa-table--borderless usa-table--compact">
                  <caption>{t("ta.results.distributionCaption", { item: localText(item.text) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("ta.results.answer")}</th>
                      <th scope="col">{t("ta.results.count")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {item.distribution.map((count, index) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the position is the answer value (1..scale)
                      <tr key={`${item.key}-${index + 1}`}>
                        <th scope="row">{answerLabel(index + 1)}</th>
                        <td>{count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            </div>
          ))}
          <h3>{t("ta.results.openAnswers")}</h3>
          {r.open.map((question) => (
            <div key={question.key}>
              <h4>{localText(question.text)}</h4>
              {question.answers.length === 0 ? (
                <p>{t("ta.results.noAnswers")}</p>
              ) : (
                <ul className="usa-list">
                  {question.answers.map((answer, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: anonymous answers may repeat word for word
                    <li key={index} className="ta-prewrap">
                      {answer}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </>
      )}
    </section>
  );
}

/** Results across events: per event response rate and mean, per item pooled over all responses. */
export function TrainingResultsSummaryPage() {
  const { t } = useTranslation();
  const summary = useTrainingResultsSummary();
  const formatTime = useTimestampFormat();
  const formatNumber = useNumberFormat();
  const localText = useLocalText();
  if (summary.isPending) return <Loading />;
  if (summary.isError) {
    return (
      <TaPage title={t("ta.results.acrossTitle")}>
        <TaError error={summary.error} />
      </TaPage>
    );
  }
  const s = summary.data;
  return (
    <TaPage title={t("ta.results.acrossTitle")} intro={t("ta.results.acrossIntro")}>
      <h2>{t("ta.results.perEvent")}</h2>
      {s.events.length === 0 ? (
        <p>{t("ta.results.none")}</p>
      ) : (
        <>
          <CountBarChart
            title={t("ta.results.perEventChart")}
            summary={t("ta.results.perEventSummary", { count: s.events.length })}
            data={s.events.map((e) => ({
              label: e.title.length > 24 ? `${e.title.slice(0, 23)}…` : e.title,
              value: e.meanOfItemMeans ?? 0,
            }))}
          />
          <TableWrap label={t("ta.results.perEvent")}>
            <table className="usa-table usa-table--borderless usa-table--compact usa-table--stacked width-full ta-table--dense">
              <caption>{t("ta.results.perEvent")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ta.trainings.trainingTitle")}</th>
                  <th scope="col">{t("ta.trainings.when")}</th>
                  <th scope="col">{t("ta.fields.level")}</th>
                  <th scope="col">{t("ta.trainings.responses")}</th>
                  <th scope="col">{t("ta.results.responseRate")}</th>
                  <th scope="col">{t("ta.results.mean")}</th>
                </tr>
              </thead>
              <tbody>
                {s.events.map((e) => (
                  <tr key={e.trainingId}>
                    <th scope="row" data-label={t("ta.trainings.trainingTitle")}>
                      <Link to={`/ta/trainings/${e.trainingId}`} className="usa-link">
                        {e.title}
                      </Link>
                    </th>
                    <td data-label={t("ta.trainings.when")}>{formatTime(e.startsAt)}</td>
                    <td data-label={t("ta.fields.level")}>{t(`ta.levels.${e.level}`)}</td>
                    <td data-label={t("ta.trainings.responses")}>
                      {t("ta.results.ofAttended", { responses: e.responses, attended: e.attended })}
                    </td>
                    <td data-label={t("ta.results.responseRate")}>
                      {e.responseRatePercent === null ? "—" : `${formatNumber(e.responseRatePercent)} %`}
                    </td>
                    <td data-label={t("ta.results.mean")}>{formatNumber(e.meanOfItemMeans)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <h2>{t("ta.results.perItem")}</h2>
      {s.items.length === 0 ? null : (
        <TableWrap label={t("ta.results.perItem")}>
          <table className="usa-table usa-table--borderless usa-table--compact usa-table--stacked width-full ta-table--dense">
            <caption>{t("ta.results.perItem")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ta.results.item")}</th>
                <th scope="col">{t("ta.results.events")}</th>
                <th scope="col">{t("ta.results.n")}</th>
                <th scope="col">{t("ta.results.mean")}</th>
                <th scope="col">{t("ta.results.percentAgree")}</th>
              </tr>
            </thead>
            <tbody>
              {s.items.map((item) => (
                <tr key={item.key}>
                  <th scope="row" data-label={t("ta.results.item")}>
                    {localText(item.text)}
                  </th>
                  <td data-label={t("ta.results.events")}>{item.events}</td>
                  <td data-label={t("ta.results.n")}>{item.n}</td>
                  <td data-label={t("ta.results.mean")}>{formatNumber(item.mean)}</td>
                  <td data-label={t("ta.results.percentAgree")}>
                    {item.percentAgree === null ? "—" : `${formatNumber(item.percentAgree)} %`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </TaPage>
  );
}
