import { Button, Label, Select, Textarea } from "@trussworks/react-uswds";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { StatusTag, TaError, useDayFormat, useTimestampFormat } from "./TaBits.tsx";
import {
  OVERLAP_STATUSES,
  type OverlapSide,
  type OverlapStatus,
  type TaOverlap,
  useDecideOverlap,
  useTaOverlaps,
} from "./ta.api.ts";

export function sidePath(side: { kind: "request" | "engagement"; id: string }): string {
  return side.kind === "request" ? `/ta/requests/${side.id}` : `/ta/engagements/${side.id}`;
}

/** The possible overlaps board: pairs side by side, with how similar they are and why; dismiss or link. */
export function OverlapsBoard() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OverlapStatus>("open");
  const overlaps = useTaOverlaps(status);
  const [done, setDone] = useState("");
  return (
    <section aria-labelledby="ta-overlaps-heading">
      <h2 id="ta-overlaps-heading">{t("ta.overlaps.heading")}</h2>
      <p>{t("ta.overlaps.intro")}</p>
      <div className="margin-bottom-2">
        <Label htmlFor="ta-overlap-status">{t("ta.overlaps.show")}</Label>
        <Select
          id="ta-overlap-status"
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value as OverlapStatus)}
        >
          {OVERLAP_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`ta.status.${s}`)}
            </option>
          ))}
        </Select>
      </div>
      {done ? <SuccessAlert>{done}</SuccessAlert> : null}
      {overlaps.isPending ? <Loading /> : null}
      {overlaps.isError ? <TaError error={overlaps.error} /> : null}
      {overlaps.data?.items.length === 0 ? <p>{t("ta.overlaps.none")}</p> : null}
      {overlaps.data?.items.map((overlap) => (
        <OverlapCard key={overlap.id} overlap={overlap} onDecided={setDone} />
      ))}
    </section>
  );
}

function OverlapCard({ overlap, onDecided }: { overlap: TaOverlap; onDecided: (message: string) => void }) {
  const { t } = useTranslation();
  const decide = useDecideOverlap();
  const formatTime = useTimestampFormat();
  const [note, setNote] = useState("");
  const headingId = `overlap-${overlap.id}`;
  const percent = Math.round(overlap.similarity * 100);
  function send(decision: "dismiss" | "link") {
    decide.mutate(
      { id: overlap.id, decision, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () =>
          onDecided(t(decision === "link" ? "ta.overlaps.linkedDone" : "ta.overlaps.dismissedDone")),
      },
    );
  }
  return (
    <article className="ta-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="margin-top-0">
        {t("ta.overlaps.pairTitle", {
          a: overlap.a?.topic ?? t("ta.overlaps.gone"),
          b: overlap.b?.topic ?? t("ta.overlaps.gone"),
        })}
      </h3>
      <p>
        <StatusTag status={overlap.status} /> {t("ta.overlaps.similarity", { percent })} ·{" "}
        {t(`ta.overlaps.reasons.${overlap.reason}` as "ta.overlaps.reasons.same_name", {
          defaultValue: overlap.reason,
        })}
        {" · "}
        {t("ta.overlaps.detected", { when: formatTime(overlap.detectedAt) })}
      </p>
      <div className="ta-overlap-pair">
        <Side side={overlap.a} label={t("ta.overlaps.first")} />
        <Side side={overlap.b} label={t("ta.overlaps.second")} />
      </div>
      {overlap.status === "open" ? (
        <div className="margin-top-2">
          <Label htmlFor={`${headingId}-note`}>{t("ta.overlaps.note")}</Label>
          <Textarea
            id={`${headingId}-note`}
            name="note"
            maxLength={2000}
            className="height-10"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {decide.isError ? <TaError error={decide.error} /> : null}
          <div className="margin-top-1">
            <Button type="button" disabled={decide.isPending} onClick={() => send("link")}>
              {t("ta.overlaps.link")}
            </Button>
            <Button type="button" outline disabled={decide.isPending} onClick={() => send("dismiss")}>
              {t("ta.overlaps.dismiss")}
            </Button>
          </div>
        </div>
      ) : (
        <p className="margin-bottom-0">
          {t("ta.overlaps.decided", {
            name: overlap.decidedByName ?? "—",
            when: formatTime(overlap.decidedAt),
          })}
          {overlap.note ? <span className="display-block ta-prewrap">{overlap.note}</span> : null}
        </p>
      )}
    </article>
  );
}

function Side({ side, label }: { side: OverlapSide | null; label: string }) {
  const { t } = useTranslation();
  const formatDay = useDayFormat();
  if (!side) return <div className="ta-side">{t("ta.overlaps.gone")}</div>;
  return (
    <div className="ta-side">
      <p className="margin-top-0 text-bold">
        {label}: {t(`ta.kinds.${side.kind}`)}
      </p>
      <p>
        <Link to={sidePath(side)} className="usa-link">
          {side.topic}
        </Link>
      </p>
      <dl className="margin-0">
        <dt className="text-bold">{t("ta.fields.recipient")}</dt>
        <dd className="margin-left-0">{side.recipientName}</dd>
        <dt className="text-bold">{t("ta.fields.window")}</dt>
        <dd className="margin-left-0">
          {t("ta.common.range", { from: formatDay(side.from), to: formatDay(side.to) })}
        </dd>
        <dt className="text-bold">{t("ta.overlaps.by")}</dt>
        <dd className="margin-left-0">{side.organizationName}</dd>
        <dt className="text-bold">{t("ta.fields.status")}</dt>
        <dd className="margin-left-0">
          <StatusTag status={side.status} />
        </dd>
      </dl>
    </div>
  );
}
