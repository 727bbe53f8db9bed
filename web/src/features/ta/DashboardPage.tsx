import "./ta.css";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Loading } from "../../ui/StatusMessages.tsx";
import { CountBarChart } from "./Charts.tsx";
import { TableWrap, TaError, TaPage, useDayFormat, useNumberFormat } from "./TaBits.tsx";
import { ENGAGEMENT_STATUSES, TA_LEVELS, useTaDashboard } from "./ta.api.ts";

/** The work group dashboard of seed 000: trainings held, communities reached, engagements by level, open requests. */
export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useTaDashboard();
  const formatNumber = useNumberFormat();
  const formatDay = useDayFormat();
  if (dashboard.isPending) return <Loading />;
  if (dashboard.isError) {
    return (
      <TaPage title={t("ta.dashboard.title")}>
        <TaError error={dashboard.error} />
      </TaPage>
    );
  }
  const d = dashboard.data;
  const byLevel = TA_LEVELS.map((level) => ({
    label: t(`ta.levels.${level}`),
    value: d.engagementsByLevel[level],
  }));
  return (
    <TaPage title={t("ta.dashboard.title")} intro={t("ta.dashboard.intro", { state: d.stateCode })}>
      <h2>{t("ta.dashboard.atAGlance")}</h2>
      <ul className="ta-stats">
        <Stat label={t("ta.dashboard.trainingsHeld")} value={formatNumber(d.trainingsHeld)} />
        <Stat label={t("ta.dashboard.communitiesReached")} value={formatNumber(d.communitiesReached)} />
        <Stat label={t("ta.dashboard.openRequests")} value={formatNumber(d.openRequests.count)} />
        <Stat label={t("ta.dashboard.overlapsOpen")} value={formatNumber(d.overlapsOpen)} />
        <Stat label={t("ta.dashboard.hours")} value={formatNumber(d.engagementHours)} />
        <Stat label={t("ta.dashboard.participants")} value={formatNumber(d.participants)} />
      </ul>
      {d.overlapsOpen > 0 ? (
        <p>
          <Link to="/ta?view=overlaps" className="usa-link">
            {t("ta.overlaps.openBoard")}
          </Link>
        </p>
      ) : null}
      {d.communities.length > 0 ? (
        <p>
          <strong>{t("ta.dashboard.communities")}</strong> {d.communities.join(", ")}
        </p>
      ) : null}
      <h2>{t("ta.dashboard.byLevel")}</h2>
      <CountBarChart
        title={t("ta.dashboard.byLevelChart")}
        summary={t("ta.dashboard.byLevelSummary", {
          awareness: d.engagementsByLevel.awareness,
          implementation: d.engagementsByLevel.implementation,
        })}
        data={byLevel}
      />
      <TableWrap label={t("ta.dashboard.byLevel")}>
        <table className="usa-table usa-table--borderless">
          <caption>{t("ta.dashboard.byLevelTable")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ta.fields.level")}</th>
              <th scope="col">{t("ta.dashboard.engagements")}</th>
            </tr>
          </thead>
          <tbody>
            {byLevel.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{formatNumber(row.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <TableWrap label={t("ta.dashboard.byStatus")}>
        <table className="usa-table usa-table--borderless">
          <caption>{t("ta.dashboard.byStatus")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ta.fields.status")}</th>
              <th scope="col">{t("ta.dashboard.engagements")}</th>
            </tr>
          </thead>
          <tbody>
            {ENGAGEMENT_STATUSES.map((status) => (
              <tr key={status}>
                <th scope="row">{t(`ta.status.${status}`)}</th>
                <td>{formatNumber(d.engagementsByStatus[status])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t("ta.dashboard.oldestOpen")}</h2>
      {d.openRequests.oldest.length === 0 ? (
        <p>{t("ta.requests.none")}</p>
      ) : (
        <ul className="usa-list">
          {d.openRequests.oldest.map((r) => (
            <li key={r.id}>
              <Link to={`/ta/requests/${r.id}`} className="usa-link">
                {r.topic}
              </Link>{" "}
              — {r.recipientName},{" "}
              {t("ta.common.range", { from: formatDay(r.wantedFrom), to: formatDay(r.wantedTo) })}
            </li>
          ))}
        </ul>
      )}
    </TaPage>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <li className="ta-stat">
      <span className="ta-stat__value">{value}</span>
      {label}
    </li>
  );
}
