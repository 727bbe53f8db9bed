import "./ta.css";
import { Button, Label, Select, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Loading } from "../../ui/StatusMessages.tsx";
import { OverlapsBoard } from "./OverlapsBoard.tsx";
import { StatusTag, sectorNames, TableWrap, TaError, TaPage, useDayFormat } from "./TaBits.tsx";
import {
  ENGAGEMENT_STATUSES,
  type ListFilters,
  REQUEST_STATUSES,
  SECTORS,
  TA_LEVELS,
  type TaEngagement,
  type TaRequest,
  useTaEngagements,
  useTaOverlaps,
  useTaRequests,
} from "./ta.api.ts";

const VIEWS = ["requests", "engagements", "overlaps"] as const;
type View = (typeof VIEWS)[number];

/** The TA board: requests and engagements of the state's TA network, and the possible overlaps among them. */
export function TaBoardPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.find((v) => v === params.get("view")) ?? "requests";
  const filters: ListFilters = {
    status: params.get("status") ?? "",
    level: params.get("level") ?? "",
    sector: params.get("sector") ?? "",
    q: params.get("q") ?? "",
  };
  return (
    <TaPage title={t("ta.board.title")} intro={t("ta.board.intro")}>
      <p className="display-flex flex-wrap">
        <Link to="/ta/requests/new" className="usa-button">
          {t("ta.board.newRequest")}
        </Link>
        <Link to="/ta/engagements/new" className="usa-button usa-button--outline">
          {t("ta.board.newEngagement")}
        </Link>
      </p>
      <nav aria-label={t("ta.board.viewsLabel")}>
        <ul className="usa-button-group usa-button-group--segmented ta-tabs">
          {VIEWS.map((v) => (
            <li key={v} className="usa-button-group__item">
              <Link
                to={`/ta?view=${v}`}
                aria-current={v === view ? "page" : undefined}
                className={v === view ? "usa-button" : "usa-button usa-button--outline"}
              >
                {t(`ta.board.views.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {view === "overlaps" ? (
        <OverlapsBoard />
      ) : (
        <>
          <Filters
            key={`${view}-${params.toString()}`}
            view={view}
            filters={filters}
            onApply={(next) =>
              setParams(
                new URLSearchParams(
                  Object.entries({ view, ...next }).filter(([, v]) => v !== "" && v !== undefined) as [
                    string,
                    string,
                  ][],
                ),
                { replace: true },
              )
            }
          />
          {view === "requests" ? (
            <RequestsSection filters={filters} />
          ) : (
            <EngagementsSection filters={filters} />
          )}
        </>
      )}
    </TaPage>
  );
}

function Filters({
  view,
  filters,
  onApply,
}: {
  view: "requests" | "engagements";
  filters: ListFilters;
  onApply: (filters: ListFilters) => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState(filters);
  const statuses = view === "requests" ? REQUEST_STATUSES : ENGAGEMENT_STATUSES;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ ...form, q: form.q?.trim() });
  }
  return (
    <search aria-label={t("ta.filters.label")}>
      <form onSubmit={submit} className="ta-filters margin-y-2">
        <div>
          <Label htmlFor="ta-q">{t("ta.filters.search")}</Label>
          <TextInput
            id="ta-q"
            name="q"
            type="search"
            value={form.q ?? ""}
            onChange={(e) => setForm({ ...form, q: e.target.value })}
          />
        </div>
        <div>
          <Label htmlFor="ta-status">{t("ta.filters.status")}</Label>
          <Select
            id="ta-status"
            name="status"
            value={form.status ?? ""}
            onChange={(e) => setForm({ ...form, status: e.target.value })}
          >
            <option value="">{t("ta.filters.any")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`ta.status.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="ta-level">{t("ta.filters.level")}</Label>
          <Select
            id="ta-level"
            name="level"
            value={form.level ?? ""}
            onChange={(e) => setForm({ ...form, level: e.target.value })}
          >
            <option value="">{t("ta.filters.any")}</option>
            {TA_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`ta.levels.${l}`)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="ta-sector">{t("ta.filters.sector")}</Label>
          <Select
            id="ta-sector"
            name="sector"
            value={form.sector ?? ""}
            onChange={(e) => setForm({ ...form, sector: e.target.value })}
          >
            <option value="">{t("ta.filters.any")}</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`ta.sectors.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Button type="submit">{t("ta.filters.apply")}</Button>
        </div>
      </form>
    </search>
  );
}

function RequestsSection({ filters }: { filters: ListFilters }) {
  const { t } = useTranslation();
  const requests = useTaRequests(filters);
  // Only the TA network sees the overlaps board; everyone else simply gets no highlights.
  const overlaps = useTaOverlaps("open");
  const formatDay = useDayFormat();
  const flagged = new Set(
    (overlaps.data?.items ?? []).flatMap((o) => [o.a?.id, o.b?.id].filter((id): id is string => Boolean(id))),
  );
  if (requests.isPending) return <Loading />;
  if (requests.isError) return <TaError error={requests.error} />;
  const items: TaRequest[] = requests.data.items;
  return (
    <section aria-labelledby="ta-requests-heading">
      <h2 id="ta-requests-heading">{t("ta.requests.heading")}</h2>
      {flagged.size > 0 ? <p>{t("ta.requests.overlapNote")}</p> : null}
      {items.length === 0 ? (
        <p>{t("ta.requests.none")}</p>
      ) : (
        <TableWrap label={t("ta.requests.heading")}>
          <table className="usa-table usa-table--borderless usa-table--compact usa-table--stacked width-full ta-table--dense">
            <caption>{t("ta.requests.caption", { count: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ta.fields.recipient")}</th>
                <th scope="col">{t("ta.fields.topic")}</th>
                <th scope="col">{t("ta.fields.levelAndSectors")}</th>
                <th scope="col">{t("ta.fields.window")}</th>
                <th scope="col">{t("ta.fields.status")}</th>
                <th scope="col">{t("ta.fields.loggedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} className={flagged.has(r.id) ? "ta-row--overlap" : undefined}>
                  <td data-label={t("ta.fields.recipient")}>
                    {r.recipientName}
                    <div className="text-base-dark">{t(`ta.recipientKinds.${r.recipientKind}`)}</div>
                  </td>
                  <th scope="row" data-label={t("ta.fields.topic")}>
                    <Link to={`/ta/requests/${r.id}`} className="usa-link">
                      {r.topic}
                    </Link>
                    {flagged.has(r.id) ? (
                      <div>
                        <span className="usa-tag bg-gold text-ink">{t("ta.overlaps.flag")}</span>
                      </div>
                    ) : null}
                  </th>
                  <td data-label={t("ta.fields.levelAndSectors")}>
                    <span className="text-bold">{t(`ta.levels.${r.level}`)}</span>
                    <div className="text-base-dark">{sectorNames(t, r.sectors)}</div>
                  </td>
                  <td data-label={t("ta.fields.window")}>
                    {t("ta.common.range", { from: formatDay(r.wantedFrom), to: formatDay(r.wantedTo) })}
                  </td>
                  <td data-label={t("ta.fields.status")}>
                    <StatusTag status={r.status} />
                  </td>
                  <td data-label={t("ta.fields.loggedBy")}>
                    {r.organizationName}
                    {r.createdByName ? <div className="text-base-dark">{r.createdByName}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export function EngagementsTable({ items, caption }: { items: TaEngagement[]; caption: string }) {
  const { t } = useTranslation();
  const formatDay = useDayFormat();
  return (
    <TableWrap label={caption}>
      <table className="usa-table usa-table--borderless usa-table--compact usa-table--stacked width-full ta-table--dense">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ta.fields.provider")}</th>
            <th scope="col">{t("ta.fields.recipient")}</th>
            <th scope="col">{t("ta.fields.topic")}</th>
            <th scope="col">{t("ta.fields.level")}</th>
            <th scope="col">{t("ta.fields.dates")}</th>
            <th scope="col">{t("ta.fields.effort")}</th>
            <th scope="col">{t("ta.fields.status")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td data-label={t("ta.fields.provider")}>{e.providerOrganizationName}</td>
              <td data-label={t("ta.fields.recipient")}>{e.recipientName}</td>
              <th scope="row" data-label={t("ta.fields.topic")}>
                <Link to={`/ta/engagements/${e.id}`} className="usa-link">
                  {e.topic}
                </Link>
              </th>
              <td data-label={t("ta.fields.level")}>{t(`ta.levels.${e.level}`)}</td>
              <td data-label={t("ta.fields.dates")}>
                {t("ta.common.range", { from: formatDay(e.startsOn), to: formatDay(e.endsOn) })}
              </td>
              <td data-label={t("ta.fields.effort")}>
                {t("ta.fields.effortValue", { hours: e.hours ?? "—", participants: e.participants ?? "—" })}
              </td>
              <td data-label={t("ta.fields.status")}>
                <StatusTag status={e.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function EngagementsSection({ filters }: { filters: ListFilters }) {
  const { t } = useTranslation();
  const engagements = useTaEngagements(filters);
  if (engagements.isPending) return <Loading />;
  if (engagements.isError) return <TaError error={engagements.error} />;
  const items = engagements.data.items;
  return (
    <section aria-labelledby="ta-engagements-heading">
      <h2 id="ta-engagements-heading">{t("ta.engagements.heading")}</h2>
      {items.length === 0 ? (
        <p>{t("ta.engagements.none")}</p>
      ) : (
        <EngagementsTable items={items} caption={t("ta.engagements.caption", { count: items.length })} />
      )}
    </section>
  );
}
