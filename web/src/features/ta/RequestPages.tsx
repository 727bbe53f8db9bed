import "./ta.css";
import { Alert, Button, Fieldset, Form, Radio } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { sidePath } from "./OverlapsBoard.tsx";
import {
  DetailItem,
  isStale,
  StatusTag,
  sectorNames,
  TaError,
  TaPage,
  useDayFormat,
  useTimestampFormat,
} from "./TaBits.tsx";
import { EngagementsTable } from "./TaBoardPage.tsx";
import { EngagementForm, RequestForm } from "./TaForms.tsx";
import {
  type PossibleOverlap,
  type TaEngagementDetail,
  type TaRequestDetail,
  useCreateTaEngagement,
  useCreateTaRequest,
  useTaEngagement,
  useTaEngagements,
  useTaRequest,
  useUpdateTaEngagement,
  useUpdateTaRequest,
} from "./ta.api.ts";

/** Possible overlaps of one request or engagement, shown prominently so the provider coordinates first. */
export function PossibleOverlaps({
  overlaps,
  kind,
}: {
  overlaps: PossibleOverlap[];
  kind: "request" | "engagement";
}) {
  const { t } = useTranslation();
  const formatDay = useDayFormat();
  const open = overlaps.filter((o) => o.status === "open");
  if (open.length === 0) return null;
  return (
    <Alert
      type="warning"
      headingLevel="h2"
      heading={t("ta.overlaps.alertHeading", { count: open.length })}
      className="margin-y-3"
    >
      <p>{t(kind === "request" ? "ta.overlaps.alertIntroRequest" : "ta.overlaps.alertIntroEngagement")}</p>
      <ul className="usa-list">
        {open.map((o) => (
          <li key={o.overlapId}>
            {t(o.kind === "request" ? "ta.overlaps.coordinateRequest" : "ta.overlaps.coordinateEngagement", {
              organization: o.organizationName,
            })}{" "}
            <Link to={sidePath(o)} className="usa-link">
              {o.topic}
            </Link>{" "}
            ({o.recipientName}, {t("ta.common.range", { from: formatDay(o.from), to: formatDay(o.to) })};{" "}
            {t("ta.overlaps.similarity", { percent: Math.round(o.similarity * 100) })};{" "}
            {t(`ta.overlaps.reasons.${o.reason}` as "ta.overlaps.reasons.same_name", {
              defaultValue: o.reason,
            })}
            )
          </li>
        ))}
      </ul>
      <p className="margin-bottom-0">
        <Link to="/ta?view=overlaps" className="usa-link">
          {t("ta.overlaps.openBoard")}
        </Link>
      </p>
    </Alert>
  );
}

export function NewRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateTaRequest();
  return (
    <TaPage title={t("ta.requests.newTitle")} intro={t("ta.requests.newIntro")}>
      <RequestForm
        submitLabel={t("ta.requests.create")}
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) =>
          create.mutate(body, {
            onSuccess: (created) => navigate(`/ta/requests/${created.id}`, { state: { created: true } }),
          })
        }
      />
    </TaPage>
  );
}

export function NewEngagementPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const requestId = params.get("requestId") ?? "";
  const request = useTaRequest(requestId, requestId !== "");
  const create = useCreateTaEngagement();
  if (requestId && request.isPending) return <Loading />;
  return (
    <TaPage title={t("ta.engagements.newTitle")} intro={t("ta.engagements.newIntro")}>
      <EngagementForm
        request={requestId ? request.data : undefined}
        submitLabel={t("ta.engagements.create")}
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) =>
          create.mutate(body, {
            onSuccess: (created) => navigate(`/ta/engagements/${created.id}`, { state: { created: true } }),
          })
        }
      />
    </TaPage>
  );
}

function StaleNotice({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert type="error" headingLevel="h2" slim role="alert" className="margin-y-2">
      {t("ta.errors.stale")}{" "}
      <Button type="button" unstyled onClick={onReload}>
        {t("ta.common.reload")}
      </Button>
    </Alert>
  );
}

/** The status moves the API offers for an item, as radio buttons. */
function MoveForm<S extends string>({
  moves,
  pending,
  onMove,
}: {
  moves: S[];
  pending: boolean;
  onMove: (status: S) => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<S | "">("");
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (status) onMove(status);
  }
  if (moves.length === 0) return null;
  return (
    <Form onSubmit={submit}>
      <Fieldset legend={t("ta.detail.changeStatus")}>
        {moves.map((move) => (
          <Radio
            key={move}
            id={`move-${move}`}
            name="move"
            value={move}
            checked={status === move}
            onChange={() => setStatus(move)}
            label={t(`ta.status.${move}` as "ta.status.open")}
          />
        ))}
      </Fieldset>
      <Button type="submit" className="margin-top-2" disabled={!status || pending}>
        {t("ta.detail.saveStatus")}
      </Button>
    </Form>
  );
}

function useCreatedFlag(): boolean {
  const location = useLocation();
  return Boolean((location.state as { created?: boolean } | null)?.created);
}

export function RequestPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const request = useTaRequest(id);
  if (request.isPending) return <Loading />;
  if (request.isError) {
    return (
      <TaPage title={t("ta.detail.notFound")}>
        <TaError error={request.error} />
      </TaPage>
    );
  }
  return <RequestView request={request.data} reload={() => void request.refetch()} />;
}

function RequestView({ request: r, reload }: { request: TaRequestDetail; reload: () => void }) {
  const { t } = useTranslation();
  const created = useCreatedFlag();
  const formatDay = useDayFormat();
  const formatTime = useTimestampFormat();
  const update = useUpdateTaRequest(r.id);
  const engagements = useTaEngagements({ requestId: r.id });
  const [editing, setEditing] = useState(false);
  return (
    <TaPage title={r.topic} intro={t("ta.detail.requestIntro", { recipient: r.recipientName })}>
      {created ? <SuccessAlert>{t("ta.requests.created")}</SuccessAlert> : null}
      <PossibleOverlaps overlaps={r.possibleOverlaps} kind="request" />
      <p>
        <StatusTag status={r.status} />
      </p>
      <dl>
        <DetailItem label={t("ta.fields.recipient")}>
          {r.partnershipId ? (
            <Link to={`/ta/partnerships/${r.partnershipId}`} className="usa-link">
              {r.partnershipName ?? r.recipientName}
            </Link>
          ) : (
            r.recipientName
          )}{" "}
          ({t(`ta.recipientKinds.${r.recipientKind}`)})
        </DetailItem>
        {r.county ? <DetailItem label={t("ta.fields.county")}>{r.county}</DetailItem> : null}
        <DetailItem label={t("ta.fields.sectors")}>{sectorNames(t, r.sectors)}</DetailItem>
        <DetailItem label={t("ta.fields.level")}>{t(`ta.levels.${r.level}`)}</DetailItem>
        <DetailItem label={t("ta.fields.window")}>
          {t("ta.common.range", { from: formatDay(r.wantedFrom), to: formatDay(r.wantedTo) })}
        </DetailItem>
        {r.description ? <DetailItem label={t("ta.fields.description")}>{r.description}</DetailItem> : null}
        <DetailItem label={t("ta.fields.loggedBy")}>
          {r.organizationName}
          {r.createdByName ? ` (${r.createdByName})` : ""} · {formatTime(r.createdAt)}
        </DetailItem>
      </dl>
      {update.isError && isStale(update.error) ? (
        <StaleNotice
          onReload={() => {
            update.reset();
            reload();
          }}
        />
      ) : null}
      {update.isError && !isStale(update.error) && !editing ? <TaError error={update.error} /> : null}
      <MoveForm
        key={`${r.version}-moves`}
        moves={r.availableMoves}
        pending={update.isPending}
        onMove={(status) => update.mutate({ version: r.version, status })}
      />
      <h2>{t("ta.detail.edit")}</h2>
      {editing ? (
        <RequestForm
          key={r.version}
          initial={r}
          submitLabel={t("ta.detail.saveChanges")}
          pending={update.isPending}
          error={isStale(update.error) ? null : update.error}
          onCancel={() => setEditing(false)}
          onSubmit={(body) =>
            update.mutate({ version: r.version, ...body }, { onSuccess: () => setEditing(false) })
          }
        />
      ) : (
        <Button type="button" outline onClick={() => setEditing(true)}>
          {t("ta.detail.editRequest")}
        </Button>
      )}
      <h2>{t("ta.engagements.forRequest")}</h2>
      {engagements.data && engagements.data.items.length > 0 ? (
        <EngagementsTable items={engagements.data.items} caption={t("ta.engagements.forRequest")} />
      ) : (
        <p>{t("ta.engagements.noneForRequest")}</p>
      )}
      <Link to={`/ta/engagements/new?requestId=${r.id}`} className="usa-button usa-button--outline">
        {t("ta.engagements.logForRequest")}
      </Link>
    </TaPage>
  );
}

export function EngagementPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const engagement = useTaEngagement(id);
  if (engagement.isPending) return <Loading />;
  if (engagement.isError) {
    return (
      <TaPage title={t("ta.detail.notFound")}>
        <TaError error={engagement.error} />
      </TaPage>
    );
  }
  return <EngagementView engagement={engagement.data} reload={() => void engagement.refetch()} />;
}

function EngagementView({ engagement: e, reload }: { engagement: TaEngagementDetail; reload: () => void }) {
  const { t } = useTranslation();
  const created = useCreatedFlag();
  const formatDay = useDayFormat();
  const update = useUpdateTaEngagement(e.id);
  const [editing, setEditing] = useState(false);
  return (
    <TaPage
      title={e.topic}
      intro={t("ta.detail.engagementIntro", {
        provider: e.providerOrganizationName,
        recipient: e.recipientName,
      })}
    >
      {created ? <SuccessAlert>{t("ta.engagements.created")}</SuccessAlert> : null}
      <PossibleOverlaps overlaps={e.possibleOverlaps} kind="engagement" />
      <p>
        <StatusTag status={e.status} />
      </p>
      <dl>
        <DetailItem label={t("ta.fields.provider")}>{e.providerOrganizationName}</DetailItem>
        <DetailItem label={t("ta.fields.recipient")}>
          {e.partnershipId ? (
            <Link to={`/ta/partnerships/${e.partnershipId}`} className="usa-link">
              {e.partnershipName ?? e.recipientName}
            </Link>
          ) : (
            e.recipientName
          )}{" "}
          ({t(`ta.recipientKinds.${e.recipientKind}`)})
        </DetailItem>
        {e.requestId ? (
          <DetailItem label={t("ta.detail.request")}>
            <Link to={`/ta/requests/${e.requestId}`} className="usa-link">
              {e.requestTopic ?? e.requestId}
            </Link>
          </DetailItem>
        ) : null}
        <DetailItem label={t("ta.fields.sectors")}>{sectorNames(t, e.sectors)}</DetailItem>
        <DetailItem label={t("ta.fields.level")}>{t(`ta.levels.${e.level}`)}</DetailItem>
        <DetailItem label={t("ta.fields.dates")}>
          {t("ta.common.range", { from: formatDay(e.startsOn), to: formatDay(e.endsOn) })}
        </DetailItem>
        <DetailItem label={t("ta.fields.activities")}>{e.activities ?? "—"}</DetailItem>
        <DetailItem label={t("ta.fields.hours")}>{e.hours ?? "—"}</DetailItem>
        <DetailItem label={t("ta.fields.participants")}>{e.participants ?? "—"}</DetailItem>
        <DetailItem label={t("ta.fields.results")}>{e.results ?? "—"}</DetailItem>
      </dl>
      {update.isError && isStale(update.error) ? (
        <StaleNotice
          onReload={() => {
            update.reset();
            reload();
          }}
        />
      ) : null}
      {update.isError && !isStale(update.error) && !editing ? <TaError error={update.error} /> : null}
      <MoveForm
        key={`${e.version}-moves`}
        moves={e.availableMoves}
        pending={update.isPending}
        onMove={(status) => update.mutate({ version: e.version, status })}
      />
      <h2>{t("ta.detail.edit")}</h2>
      {editing ? (
        <EngagementForm
          key={e.version}
          initial={e}
          submitLabel={t("ta.detail.saveChanges")}
          pending={update.isPending}
          error={isStale(update.error) ? null : update.error}
          onCancel={() => setEditing(false)}
          onSubmit={(body) =>
            update.mutate({ version: e.version, ...body }, { onSuccess: () => setEditing(false) })
          }
        />
      ) : (
        <Button type="button" outline onClick={() => setEditing(true)}>
          {t("ta.detail.editEngagement")}
        </Button>
      )}
    </TaPage>
  );
}
