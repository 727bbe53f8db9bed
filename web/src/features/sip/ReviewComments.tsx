import { Button, FormGroup, Label, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { itemHeading, levelOf, useLocalize } from "../plans/plans.format.ts";
import type { PlanDocument } from "../plans/plans.types.ts";
import { useAddReviewComment, useResolveReviewComment, useReviewComments } from "./sip.api.ts";
import { useTimestampFormat } from "./sip.format.ts";
import type { ReviewComment } from "./sip.types.ts";

/** State review comments, one discussion per component (and one for the plan as a whole), threaded. */
export function ReviewComments({ plan, canComment }: { plan: PlanDocument; canComment: boolean }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const comments = useReviewComments(plan.id);
  const components = plan.sections.flatMap((s) => s.items.filter((i) => i.level === "component"));
  const componentLevel = levelOf(plan.template, "component");
  const all = comments.data?.items ?? [];
  const topics = [
    { itemId: null, name: t("sip.review.wholePlan") },
    ...components.map((c) => ({
      itemId: c.id,
      name: componentLevel ? itemHeading(localize, componentLevel, c) : c.title,
    })),
  ];
  return (
    <section aria-labelledby="sip-review-heading" className="sip-panel">
      <h2 id="sip-review-heading">{t("sip.review.title")}</h2>
      {comments.isPending ? <Loading /> : null}
      {comments.isError ? <ErrorAlert error={comments.error} /> : null}
      {comments.data
        ? topics.map((topic) => (
            <CommentTopic
              key={topic.itemId ?? "plan"}
              planId={plan.id}
              itemId={topic.itemId}
              name={topic.name}
              threads={all.filter((c) => c.parentId === null && c.itemId === topic.itemId)}
              replies={all}
              canComment={canComment}
            />
          ))
        : null}
    </section>
  );
}

function CommentTopic({
  planId,
  itemId,
  name,
  threads,
  replies,
  canComment,
}: {
  planId: string;
  itemId: string | null;
  name: string;
  threads: ReviewComment[];
  replies: ReviewComment[];
  canComment: boolean;
}) {
  const { t } = useTranslation();
  const headingId = `review-${itemId ?? "plan"}`;
  const open = threads.filter((c) => !c.resolved).length;
  return (
    <section aria-labelledby={headingId} className="sip-topic">
      <h3 id={headingId}>{name}</h3>
      <p className="sip-topic__count">{t("sip.review.counts", { total: threads.length, open })}</p>
      {threads.map((thread) => (
        <Thread
          key={thread.id}
          planId={planId}
          thread={thread}
          replies={replies.filter((r) => r.parentId === thread.id)}
          canComment={canComment}
        />
      ))}
      {canComment ? (
        <CommentForm
          planId={planId}
          itemId={itemId}
          label={t("sip.review.newComment", { name })}
          submitLabel={t("sip.review.comment")}
        />
      ) : null}
    </section>
  );
}

function Thread({
  planId,
  thread,
  replies,
  canComment,
}: {
  planId: string;
  thread: ReviewComment;
  replies: ReviewComment[];
  canComment: boolean;
}) {
  const { t } = useTranslation();
  const resolve = useResolveReviewComment(planId);
  const [replying, setReplying] = useState(false);
  return (
    <article
      className={`sip-thread${thread.resolved ? " sip-thread--resolved" : ""}`}
      aria-label={t("sip.review.threadBy", { name: thread.authorName ?? "—" })}
    >
      <CommentBody comment={thread} />
      <p className="sip-thread__state">
        <span className={`usa-tag sip-thread-tag sip-thread-tag--${thread.resolved ? "resolved" : "open"}`}>
          {thread.resolved ? t("sip.review.resolved") : t("sip.review.open")}
        </span>
      </p>
      {replies.length > 0 ? (
        <ul className="sip-replies" aria-label={t("sip.review.replies")}>
          {replies.map((reply) => (
            <li key={reply.id}>
              <CommentBody comment={reply} />
            </li>
          ))}
        </ul>
      ) : null}
      {canComment ? (
        <div className="sip-thread__actions">
          <Button
            type="button"
            outline
            disabled={resolve.isPending}
            onClick={() => resolve.mutate({ commentId: thread.id, resolved: !thread.resolved })}
          >
            {thread.resolved ? t("sip.review.reopen") : t("sip.review.resolve")}
          </Button>
          <Button
            type="button"
            unstyled
            className="sip-link-button"
            aria-expanded={replying}
            onClick={() => setReplying((v) => !v)}
          >
            {t("sip.review.reply")}
          </Button>
        </div>
      ) : null}
      {resolve.isError ? <ErrorAlert error={resolve.error} /> : null}
      {replying ? (
        <CommentForm
          planId={planId}
          itemId={thread.itemId}
          parentId={thread.id}
          label={t("sip.review.replyLabel")}
          submitLabel={t("sip.review.sendReply")}
          onDone={() => setReplying(false)}
        />
      ) : null}
    </article>
  );
}

function CommentBody({ comment }: { comment: ReviewComment }) {
  const formatTime = useTimestampFormat();
  return (
    <div className="sip-comment">
      <p className="sip-comment__meta">
        <strong>{comment.authorName ?? "—"}</strong>
        {comment.organizationName ? `, ${comment.organizationName}` : ""} · {formatTime(comment.createdAt)}
      </p>
      <p className="sip-comment__body">{comment.body}</p>
    </div>
  );
}

function CommentForm({
  planId,
  itemId,
  parentId,
  label,
  submitLabel,
  onDone,
}: {
  planId: string;
  itemId: string | null;
  parentId?: string;
  label: string;
  submitLabel: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddReviewComment(planId);
  const id = useId();
  const [body, setBody] = useState("");
  const [missing, setMissing] = useState(false);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!body.trim()) {
      setMissing(true);
      document.getElementById(`${id}-body`)?.focus();
      return;
    }
    setMissing(false);
    add.mutate(
      { body: body.trim(), ...(itemId ? { itemId } : {}), ...(parentId ? { parentId } : {}) },
      {
        onSuccess: () => {
          setBody("");
          onDone?.();
        },
      },
    );
  }
  return (
    <form className="usa-form sip-comment-form" onSubmit={submit} noValidate>
      <FormGroup error={missing}>
        <Label htmlFor={`${id}-body`}>{label}</Label>
        {missing ? (
          <span className="usa-error-message" id={`${id}-error`}>
            {t("sip.common.required")}
          </span>
        ) : null}
        <Textarea
          id={`${id}-body`}
          name="body"
          maxLength={5000}
          value={body}
          aria-describedby={missing ? `${id}-error` : undefined}
          onChange={(event) => setBody(event.target.value)}
        />
      </FormGroup>
      <Button type="submit" disabled={add.isPending}>
        {submitLabel}
      </Button>
      {add.isError ? <ErrorAlert error={add.error} /> : null}
    </form>
  );
}
