import "./sip.css";
import { Button, CharacterCount, FormGroup, Label, TextInput } from "@trussworks/react-uswds";
import { type ChangeEvent, type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Page } from "../../ui/Page.tsx";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { fieldText, itemName, levelOf, useIsoDateFormat, useLocalize } from "../plans/plans.format.ts";
import type { PlanDocument, PlanItemNode } from "../plans/plans.types.ts";
import { useCreatePublicComment, usePublicPlan } from "./sip.api.ts";
import { useSipErrorMessage, useTimestampFormat } from "./sip.format.ts";

const MAX_COMMENT = 2000;

/** A posted plan for the public (no sign-in): the document, published comments and the comment form. */
export function PublicPlanPage() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const posted = usePublicPlan(slug);
  const formatDate = useIsoDateFormat();
  const formatTime = useTimestampFormat();
  if (posted.isPending) return <Loading />;
  if (posted.isError) {
    return (
      <Page title={t("sip.publicPage.notFound")}>
        <ErrorAlert error={posted.error} />
      </Page>
    );
  }
  const { plan, comments } = posted.data;
  return (
    <Page title={plan.title} intro={t("sip.publicPage.intro", { organization: plan.organizationName })}>
      <p>
        {t("sip.publicPage.period", {
          from: formatDate(posted.data.commentsOpenFrom),
          until: formatDate(posted.data.commentsOpenUntil),
        })}
      </p>
      <ReadOnlyPlan plan={plan} />
      <section aria-labelledby="public-comments-heading" className="sip-panel">
        <h2 id="public-comments-heading">{t("sip.publicPage.commentsTitle")}</h2>
        {comments.length === 0 ? <p>{t("sip.publicPage.noComments")}</p> : null}
        {comments.map((comment) => (
          <article
            key={comment.id}
            className="sip-thread"
            aria-label={t("sip.public.commentBy", { name: comment.name ?? t("sip.public.anonymous") })}
          >
            <p className="sip-comment__meta">
              <strong>{comment.name ?? t("sip.public.anonymous")}</strong> · {formatTime(comment.createdAt)}
            </p>
            <p className="sip-comment__body">{comment.body}</p>
            {comment.response ? (
              <p className="sip-comment__answer">
                <strong>{t("sip.publicPage.countyAnswer")}</strong> {comment.response}
              </p>
            ) : null}
          </article>
        ))}
        {posted.data.commentsOpen ? <CommentForm slug={slug} /> : <p>{t("sip.publicPage.closed")}</p>}
      </section>
    </Page>
  );
}

function CommentForm({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const create = useCreatePublicComment(slug);
  const errorText = useSipErrorMessage();
  const id = useId();
  const [name, setName] = useState("");
  const [body, setBody] = useState("");
  const [problem, setProblem] = useState(false);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (body.trim().length < 3 || body.length > MAX_COMMENT) {
      setProblem(true);
      document.getElementById(`${id}-body`)?.focus();
      return;
    }
    setProblem(false);
    create.mutate(
      { body: body.trim(), ...(name.trim() ? { name: name.trim() } : {}) },
      {
        onSuccess: () => {
          setBody("");
          setName("");
        },
      },
    );
  }
  return (
    <form className="usa-form usa-form--large" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t("sip.publicPage.formTitle")}</h3>
      <p>{t("sip.publicPage.moderated")}</p>
      <FormGroup>
        <Label htmlFor={`${id}-name`}>{t("sip.publicPage.name")}</Label>
        <span className="usa-hint" id={`${id}-name-hint`}>
          {t("sip.publicPage.nameHint")}
        </span>
        <TextInput
          id={`${id}-name`}
          name="name"
          type="text"
          maxLength={100}
          autoComplete="name"
          value={name}
          aria-describedby={`${id}-name-hint`}
          onChange={(event) => setName(event.target.value)}
        />
      </FormGroup>
      <FormGroup error={problem}>
        <Label htmlFor={`${id}-body`}>{t("sip.publicPage.comment")}</Label>
        {problem ? (
          <span className="usa-error-message" id={`${id}-error`}>
            {t("sip.publicPage.commentRequired", { max: MAX_COMMENT })}
          </span>
        ) : null}
        <CharacterCount
          id={`${id}-body`}
          name="body"
          isTextArea
          maxLength={MAX_COMMENT}
          value={body}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setBody(event.target.value)}
        />
      </FormGroup>
      <Button type="submit" disabled={create.isPending}>
        {t("sip.publicPage.send")}
      </Button>
      {create.isSuccess ? <SuccessAlert>{t("sip.publicPage.thanks")}</SuccessAlert> : null}
      {create.isError ? (
        <p className="usa-error-message" role="alert">
          {errorText(create.error)}
        </p>
      ) : null}
    </form>
  );
}

/** The plan as a document, read-only: cover sheet, narrative sections, components and their tree. */
function ReadOnlyPlan({ plan }: { plan: PlanDocument }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const formatDate = useIsoDateFormat();
  const yesNo = { yes: t("sip.common.yes"), no: t("sip.common.no") };
  const header = plan.template.header.filter((f) =>
    fieldText(localize, formatDate, f, plan.header[f.key], yesNo),
  );
  return (
    <div className="sip-public-plan">
      {header.length > 0 ? (
        <section aria-labelledby="public-cover" className="sip-panel">
          <h2 id="public-cover">{t("sip.publicPage.cover")}</h2>
          <dl className="sip-dl">
            {header.map((field) => (
              <div key={field.key}>
                <dt>{localize(field.label)}</dt>
                <dd>{fieldText(localize, formatDate, field, plan.header[field.key], yesNo)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {plan.template.sections.map((definition) => {
        const section = plan.sections.find((s) => s.key === definition.key);
        if (!section) return null;
        return (
          <section key={definition.key} aria-labelledby={`public-${definition.key}`} className="sip-panel">
            <h2 id={`public-${definition.key}`}>{localize(definition.label)}</h2>
            {definition.kind === "fields"
              ? (definition.fields ?? []).map((field) => {
                  const text = fieldText(localize, formatDate, field, section.values[field.key], yesNo);
                  return text ? (
                    <div key={field.key}>
                      <h3>{localize(field.label)}</h3>
                      <p className="sip-prewrap">{text}</p>
                    </div>
                  ) : null;
                })
              : section.items.map((item) => <ReadOnlyItem key={item.id} plan={plan} item={item} depth={3} />)}
          </section>
        );
      })}
    </div>
  );
}

function ReadOnlyItem({ plan, item, depth }: { plan: PlanDocument; item: PlanItemNode; depth: number }) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const formatDate = useIsoDateFormat();
  const level = levelOf(plan.template, item.level);
  if (!level) return null;
  const Heading = `h${Math.min(depth, 6)}` as "h3";
  const yesNo = { yes: t("sip.common.yes"), no: t("sip.common.no") };
  const details = [
    ...level.fields.map((f) => ({
      label: localize(f.label),
      text: fieldText(localize, formatDate, f, item.fields[f.key], yesNo),
    })),
    ...(level.tracking.assignee
      ? [
          {
            label: localize(level.assigneeLabel) || t("sip.publicPage.assignee"),
            text: item.assignee.display,
          },
        ]
      : []),
    ...(level.tracking.timeframe
      ? [
          {
            label: localize(level.timeframeLabel) || t("sip.publicPage.timeframe"),
            text: item.timeframe ?? "",
          },
        ]
      : []),
    ...(level.tracking.dueDate
      ? [
          {
            label: localize(level.dueDateLabel) || t("sip.publicPage.dueDate"),
            text: formatDate(item.dueDate),
          },
        ]
      : []),
  ].filter((d) => d.text);
  return (
    <div className="sip-public-item">
      <Heading>{itemName(localize, level, item)}</Heading>
      <p className="sip-prewrap">{item.title}</p>
      {details.length > 0 ? (
        <dl className="sip-dl">
          {details.map((d) => (
            <div key={d.label}>
              <dt>{d.label}</dt>
              <dd>{d.text}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {item.children.map((child) => (
        <ReadOnlyItem key={child.id} plan={plan} item={child} depth={depth + 1} />
      ))}
    </div>
  );
}
