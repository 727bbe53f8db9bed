import { Button, FormGroup, Label, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { isoToday, useIsoDateFormat } from "../plans/plans.format.ts";
import { useModerateComment, usePostPublicly, usePublicComments } from "./sip.api.ts";
import { useTimestampFormat } from "./sip.format.ts";
import type { ModeratedComment, PublicPosting, SipStatus } from "./sip.types.ts";

/** Posting the SIP at a public address with a comment period, and moderating what the public writes. */
export function PublicPostingPanel({
  planId,
  status,
  posting,
}: {
  planId: string;
  status: SipStatus;
  posting: PublicPosting | null;
}) {
  const { t } = useTranslation();
  const formatDate = useIsoDateFormat();
  const canPost = status !== "draft" && status !== "team_review";
  return (
    <section aria-labelledby="sip-public-heading" className="sip-panel">
      <h2 id="sip-public-heading">{t("sip.public.title")}</h2>
      {posting ? (
        <p>
          {t("sip.public.postedAt")}{" "}
          <Link className="usa-link" to={`/public/plans/${posting.slug}`}>
            {`${window.location.origin}/public/plans/${posting.slug}`}
          </Link>
          <br />
          {t("sip.public.period", {
            from: formatDate(posting.commentsOpenFrom),
            until: formatDate(posting.commentsOpenUntil),
          })}
        </p>
      ) : (
        <p>{canPost ? t("sip.public.notPosted") : t("sip.public.notYet")}</p>
      )}
      {canPost ? <PostForm planId={planId} posting={posting} /> : null}
      {posting ? <Moderation planId={planId} /> : null}
    </section>
  );
}

function PostForm({ planId, posting }: { planId: string; posting: PublicPosting | null }) {
  const { t } = useTranslation();
  const post = usePostPublicly(planId);
  const id = useId();
  const [from, setFrom] = useState(posting?.commentsOpenFrom ?? isoToday());
  const [until, setUntil] = useState(posting?.commentsOpenUntil ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!from || !until || until < from) {
      setProblem(!from || !until ? t("sip.common.required") : t("sip.public.endBeforeStart"));
      document.getElementById(`${id}-until`)?.focus();
      return;
    }
    setProblem(null);
    post.mutate({ commentsOpenFrom: from, commentsOpenUntil: until });
  }
  return (
    <form className="usa-form sip-form" onSubmit={submit} noValidate>
      <FormGroup>
        <Label htmlFor={`${id}-from`}>{t("sip.public.from")}</Label>
        <input
          className="usa-input"
          id={`${id}-from`}
          name="from"
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
      </FormGroup>
      <FormGroup error={problem !== null}>
        <Label htmlFor={`${id}-until`}>{t("sip.public.until")}</Label>
        {problem ? (
          <span className="usa-error-message" id={`${id}-until-error`}>
            {problem}
          </span>
        ) : null}
        <input
          className="usa-input"
          id={`${id}-until`}
          name="until"
          type="date"
          value={until}
          aria-describedby={problem ? `${id}-until-error` : undefined}
          onChange={(e) => setUntil(e.target.value)}
        />
      </FormGroup>
      <Button type="submit" disabled={post.isPending}>
        {posting ? t("sip.public.update") : t("sip.public.post")}
      </Button>
      {post.isError ? <ErrorAlert error={post.error} /> : null}
    </form>
  );
}

function Moderation({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const comments = usePublicComments(planId, true);
  const items = comments.data?.items ?? [];
  return (
    <>
      <h3>{t("sip.public.moderationTitle")}</h3>
      {comments.isPending ? <Loading /> : null}
      {comments.isError ? <ErrorAlert error={comments.error} /> : null}
      {comments.data && items.length === 0 ? <p>{t("sip.public.noComments")}</p> : null}
      {items.map((comment) => (
        <ModeratedItem key={comment.id} planId={planId} comment={comment} />
      ))}
    </>
  );
}

function ModeratedItem({ planId, comment }: { planId: string; comment: ModeratedComment }) {
  const { t } = useTranslation();
  const formatTime = useTimestampFormat();
  const moderate = useModerateComment(planId);
  const id = useId();
  const [answer, setAnswer] = useState(comment.response ?? "");
  const author = comment.name ?? t("sip.public.anonymous");
  return (
    <article className="sip-thread" aria-label={t("sip.public.commentBy", { name: author })}>
      <p className="sip-comment__meta">
        <strong>{author}</strong> · {formatTime(comment.createdAt)}{" "}
        <span className={`usa-tag sip-thread-tag sip-thread-tag--${comment.status}`}>
          {t(`sip.public.statuses.${comment.status}`)}
        </span>
      </p>
      <p className="sip-comment__body">{comment.body}</p>
      <FormGroup>
        <Label htmlFor={`${id}-answer`}>{t("sip.public.answer")}</Label>
        <Textarea
          id={`${id}-answer`}
          name="answer"
          maxLength={5000}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
        />
      </FormGroup>
      <div className="sip-thread__actions">
        <Button
          type="button"
          disabled={moderate.isPending}
          onClick={() =>
            moderate.mutate({
              commentId: comment.id,
              status: "published",
              ...(answer.trim() ? { response: answer.trim() } : {}),
            })
          }
        >
          {t("sip.public.publish")}
          <span className="usa-sr-only">: {author}</span>
        </Button>
        <Button
          type="button"
          secondary
          disabled={moderate.isPending}
          onClick={() => moderate.mutate({ commentId: comment.id, status: "rejected" })}
        >
          {t("sip.public.reject")}
          <span className="usa-sr-only">: {author}</span>
        </Button>
      </div>
      {moderate.isError ? <ErrorAlert error={moderate.error} /> : null}
    </article>
  );
}
