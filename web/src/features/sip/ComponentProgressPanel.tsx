import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { queryString } from "../../app/api.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { ValueText } from "./MeasuresPage.tsx";
import { useComponentProgress } from "./sip.api.ts";
import { useNumberFormat } from "./sip.format.ts";
import type { ProgressPoint } from "./sip.types.ts";
import { TableWrap } from "./TableWrap.tsx";

function PointText({ point }: { point: ProgressPoint | null }) {
  if (!point) return <>—</>;
  return (
    <>
      <ValueText value={point.value} masked={point.masked} />
      <span className="display-block sip-period">{point.periodLabel}</span>
    </>
  );
}

/** Each component's measure: baseline, the goals that set the target, and progress since acceptance. */
export function ComponentProgressPanel({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const progress = useComponentProgress(planId);
  const formatNumber = useNumberFormat();
  return (
    <section aria-labelledby="sip-progress-heading" className="sip-panel">
      <h2 id="sip-progress-heading">{t("sip.progress.title")}</h2>
      {progress.isPending ? <Loading /> : null}
      {progress.isError ? <ErrorAlert error={progress.error} /> : null}
      {progress.data ? (
        <>
          <p>
            {progress.data.acceptedAt
              ? t("sip.progress.afterAcceptance")
              : t("sip.progress.beforeAcceptance")}
          </p>
          {progress.data.items.length === 0 ? <p>{t("sip.progress.noComponents")}</p> : null}
          {progress.data.items.length > 0 ? (
            <TableWrap label={t("sip.progress.title")}>
              <table className="usa-table usa-table--borderless usa-table--stacked sip-table">
                <caption className="usa-sr-only">{t("sip.progress.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("sip.progress.component")}</th>
                    <th scope="col">{t("sip.progress.baseline")}</th>
                    <th scope="col">{t("sip.progress.target")}</th>
                    <th scope="col">{t("sip.progress.latest")}</th>
                    <th scope="col">{t("sip.progress.change")}</th>
                  </tr>
                </thead>
                <tbody>
                  {progress.data.items.map((item) => (
                    <tr key={item.itemId}>
                      <th scope="row" data-label={t("sip.progress.component")}>
                        <span className="display-block">{item.title}</span>
                        {item.measure ? (
                          <Link
                            className="usa-link"
                            to={`/sip/measures/${encodeURIComponent(item.measure.code)}${queryString({
                              county: progress.data.county,
                            })}`}
                          >
                            {t("sip.progress.measureLink", {
                              code: item.measure.code,
                              name: item.measure.name,
                            })}
                          </Link>
                        ) : (
                          <span>{t("sip.progress.noMeasure")}</span>
                        )}
                      </th>
                      <td data-label={t("sip.progress.baseline")}>
                        <PointText point={item.baseline} />
                      </td>
                      <td data-label={t("sip.progress.target")}>
                        {item.goals.length === 0 ? (
                          "—"
                        ) : (
                          <ul className="sip-diff__fields">
                            {item.goals.map((goal) => (
                              <li key={`${goal.number}-${goal.title}`}>
                                {goal.number ? `${goal.number} ` : ""}
                                {goal.title}
                              </li>
                            ))}
                          </ul>
                        )}
                        {item.measure?.nationalPerformance != null ? (
                          <span className="display-block sip-period">
                            {t("sip.progress.national", {
                              value: formatNumber(item.measure.nationalPerformance),
                            })}
                          </span>
                        ) : null}
                      </td>
                      <td data-label={t("sip.progress.latest")}>
                        {item.later.length > 0 ? <PointText point={item.latest} /> : "—"}
                      </td>
                      <td data-label={t("sip.progress.change")}>
                        {item.change === null
                          ? "—"
                          : t("sip.progress.changeText", {
                              change: `${item.change > 0 ? "+" : ""}${formatNumber(item.change)}`,
                              trend: item.trend ? t(`sip.progress.trend.${item.trend}`) : "",
                            })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
