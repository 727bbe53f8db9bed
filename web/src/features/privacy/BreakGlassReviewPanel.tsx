import {
  Button,
  ErrorMessage,
  Fieldset,
  Form,
  FormGroup,
  Label,
  Radio,
  Textarea,
} from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { EmptyState, Loading } from "../../ui/StatusMessages.tsx";
import {
  type BreakGlassAccessItem,
  type BreakGlassOutcome,
  type BreakGlassStatus,
  useBreakGlassAccesses,
  useReviewBreakGlass,
} from "./privacy.api.ts";

const STATUSES: BreakGlassStatus[] = ["pending", "reviewed", "all"];

/** Emergency openings of the organization's family records by others, for the privacy officer to review. */
export function BreakGlassReviewPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<BreakGlassStatus>("pending");
  const accesses = useBreakGlassAccesses(status);
  const items = accesses.data?.items ?? [];
  return (
    <>
      <h2>{t("privacy.breakGlass.title")}</h2>
      <p>{t("privacy.breakGlass.intro")}</p>
      <Fieldset legend={t("privacy.breakGlass.show")} legendStyle="default" className="margin-bottom-2">
        <div className="display-flex flex-row flex-wrap">
          {STATUSES.map((s) => (
            <Radio
              key={s}
              id={`break-glass-status-${s}`}
              name="break-glass-status"
              value={s}
              className="margin-right-3"
              label={t(`privacy.breakGlass.status.${s}`)}
              checked={status === s}
              onChange={() => setStatus(s)}
            />
          ))}
        </div>
      </Fieldset>
      {accesses.isPending ? <Loading /> : null}
      {accesses.isError ? <ErrorAlert error={accesses.error} /> : null}
      {accesses.data && items.length === 0 ? <EmptyState>{t("privacy.breakGlass.empty")}</EmptyState> : null}
      {items.map((item) => (
        <BreakGlassCard key={item.id} item={item} />
      ))}
    </>
  );
}

function BreakGlassCard({ item }: { item: BreakGlassAccessItem }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const headingId = `break-glass-${item.id}`;
  const who = `${item.user.name} (${item.user.email})`;
  return (
    <article className="consent-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="font-heading-md">
        {t("privacy.breakGlass.cardHeading", {
          family: item.familyName,
          organization: item.accessingOrganization.name,
        })}
      </h3>
      <dl className="consent-facts">
        <div>
          <dt className="text-bold">{t("privacy.breakGlass.who")}</dt>
          <dd>{who}</dd>
        </div>
        <div>
          <dt className="text-bold">{t("privacy.breakGlass.opened")}</dt>
          <dd>{formatDateTime(item.openedAt)}</dd>
        </div>
        <div>
          <dt className="text-bold">{t("privacy.breakGlass.expires")}</dt>
          <dd>
            {formatDateTime(item.expiresAt)}
            {item.open ? ` (${t("privacy.breakGlass.stillOpen")})` : null}
          </dd>
        </div>
        <div>
          <dt className="text-bold">{t("privacy.breakGlass.reason")}</dt>
          <dd>{item.reason}</dd>
        </div>
        <div>
          <dt className="text-bold">{t("privacy.breakGlass.familyId")}</dt>
          <dd className="font-mono-3xs">{item.familyId}</dd>
        </div>
        {item.review ? (
          <div>
            <dt className="text-bold">{t("privacy.breakGlass.review")}</dt>
            <dd>
              <span
                className={`usa-tag ${item.review.outcome === "justified" ? "bg-green" : "bg-secondary-dark"}`}
              >
                {t(`privacy.breakGlass.outcomes.${item.review.outcome}`)}
              </span>{" "}
              {t("privacy.breakGlass.reviewedBy", {
                name: item.review.reviewedBy?.name ?? "—",
                date: formatDateTime(item.review.reviewedAt),
              })}
              <span className="display-block">{item.review.note}</span>
            </dd>
          </div>
        ) : null}
      </dl>
      {item.review ? null : <ReviewForm item={item} />}
    </article>
  );
}

function ReviewForm({ item }: { item: BreakGlassAccessItem }) {
  const { t } = useTranslation();
  const review = useReviewBreakGlass();
  const [outcome, setOutcome] = useState<BreakGlassOutcome | "">("");
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState(false);
  const [noteMissing, setNoteMissing] = useState(false);
  const id = `review-${item.id}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMissing(outcome === "");
    setNoteMissing(!note.trim());
    if (outcome === "") {
      document.getElementById(`${id}-justified`)?.focus();
      return;
    }
    if (!note.trim()) {
      document.getElementById(`${id}-note`)?.focus();
      return;
    }
    review.mutate({ id: item.id, outcome, note: note.trim() });
  }

  return (
    <Form onSubmit={submit} noValidate className="maxw-none">
      {review.error ? <ErrorAlert error={review.error} /> : null}
      <FormGroup error={missing}>
        <Fieldset legend={t("privacy.breakGlass.outcome")} legendStyle="default">
          {missing ? (
            <ErrorMessage id={`${id}-error`}>{t("privacy.breakGlass.outcomeRequired")}</ErrorMessage>
          ) : null}
          {(["justified", "not_justified"] as const).map((o) => (
            <Radio
              key={o}
              id={`${id}-${o}`}
              name={`${id}-outcome`}
              value={o}
              label={t(`privacy.breakGlass.outcomes.${o}`)}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
          ))}
        </Fieldset>
      </FormGroup>
      <FormGroup error={noteMissing}>
        <Label htmlFor={`${id}-note`} error={noteMissing}>
          {t("privacy.breakGlass.note")}
        </Label>
        {noteMissing ? (
          <ErrorMessage id={`${id}-note-error`}>{t("privacy.breakGlass.noteRequired")}</ErrorMessage>
        ) : null}
        <Textarea
          id={`${id}-note`}
          name="note"
          required
          maxLength={2000}
          error={noteMissing}
          aria-describedby={noteMissing ? `${id}-note-error` : undefined}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </FormGroup>
      <Button type="submit" disabled={review.isPending} className="margin-top-2">
        {t("privacy.breakGlass.submit")}
      </Button>
    </Form>
  );
}
