import { Button, Form, FormGroup, Label, Textarea, TextInput } from "@trussworks/react-uswds";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { useDateTimeFormat } from "../../ui/dates.ts";
import { ErrorAlert } from "../../ui/ErrorAlert.tsx";
import { Loading } from "../../ui/StatusMessages.tsx";
import { useAnnounce } from "./Announcer.tsx";
import { Heading } from "./PlanBits.tsx";
import { usePlanEditing } from "./PlanContext.tsx";
import { useNotes } from "./plans.api.ts";
import { isoToday, useIsoDateFormat } from "./plans.format.ts";
import type { PlanItemNode } from "./plans.types.ts";

/** An item's dated progress notes with their evidence, and (for who may update it) a form to add one. */
export function NotesPanel({
  item,
  name,
  id,
  headingLevel,
}: {
  item: PlanItemNode;
  name: string;
  id: string;
  headingLevel: number;
}) {
  const { t } = useTranslation();
  const { plan, canUpdate, saveItem, reload } = usePlanEditing();
  const notes = useNotes(plan.id, item.id, true);
  const formatDate = useIsoDateFormat();
  const formatDateTime = useDateTimeFormat();
  const announce = useAnnounce();
  const formId = useId();
  const [text, setText] = useState("");
  const [evidenceUrl, setEvidenceUrl] = useState("");
  const [date, setDate] = useState(isoToday());
  const [textError, setTextError] = useState<string | undefined>();
  const [evidenceError, setEvidenceError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) {
      setTextError(t("validation.required"));
      document.getElementById(`${formId}-text`)?.focus();
      return;
    }
    if (evidenceUrl.trim() && !/^https?:\/\/\S+$/i.test(evidenceUrl.trim())) {
      setTextError(undefined);
      setError(null);
      setEvidenceError(t("plans.notes.evidenceInvalid"));
      document.getElementById(`${formId}-evidence`)?.focus();
      return;
    }
    setTextError(undefined);
    setEvidenceError(undefined);
    setSaving(true);
    setError(null);
    try {
      await saveItem(item, {
        note: { text: text.trim(), ...(evidenceUrl.trim() ? { evidenceUrl: evidenceUrl.trim() } : {}), date },
      });
      setText("");
      setEvidenceUrl("");
      announce(t("plans.notes.added", { name }));
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }
  return (
    <div className="plan-notes" id={id}>
      <Heading level={headingLevel} className="plan-notes__heading">
        {t("plans.notes.heading", { name })}
      </Heading>
      {notes.isPending ? <Loading /> : null}
      {notes.isError ? <ErrorAlert error={notes.error} /> : null}
      {notes.data && notes.data.items.length === 0 ? <p>{t("plans.notes.empty")}</p> : null}
      {notes.data && notes.data.items.length > 0 ? (
        <ul className="usa-list plan-notes__list">
          {notes.data.items.map((note) => (
            <li key={note.id}>
              <span className="text-bold">{formatDate(note.date)}</span>
              {note.authorName ? ` · ${note.authorName}` : ""}
              {note.statusTo ? (
                <span className="display-block">
                  {t("plans.notes.statusChange", {
                    from: note.statusFrom ? t(`plans.status.${note.statusFrom}`) : "—",
                    to: t(`plans.status.${note.statusTo}`),
                  })}
                </span>
              ) : null}
              {note.text ? <span className="display-block plan-notes__text">{note.text}</span> : null}
              {note.evidenceUrl ? (
                <a
                  href={note.evidenceUrl}
                  className="usa-link display-block"
                  rel="noreferrer noopener"
                  target="_blank"
                >
                  {t("plans.notes.evidenceLink")}
                </a>
              ) : null}
              <span className="display-block text-base-dark font-body-3xs">
                {formatDateTime(note.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {canUpdate(item) ? (
        <Form onSubmit={(event) => void submit(event)} noValidate className="plan-notes__form">
          {error ? <ErrorAlert error={error} /> : null}
          {isApiError(error, "conflict.stale_version") ? (
            <Button type="button" outline onClick={reload}>
              {t("plans.reload")}
            </Button>
          ) : null}
          <FormGroup error={Boolean(textError)}>
            <Label htmlFor={`${formId}-text`}>{t("plans.notes.text")}</Label>
            {textError ? (
              <span className="usa-error-message" id={`${formId}-text-error`}>
                {textError}
              </span>
            ) : null}
            <Textarea
              id={`${formId}-text`}
              name="note-text"
              value={text}
              maxLength={5000}
              aria-describedby={textError ? `${formId}-text-error` : undefined}
              aria-invalid={textError ? true : undefined}
              onChange={(event) => setText(event.target.value)}
            />
          </FormGroup>
          <FormGroup error={Boolean(evidenceError)}>
            <Label htmlFor={`${formId}-evidence`}>{t("plans.notes.evidence")}</Label>
            <span className="usa-hint" id={`${formId}-evidence-hint`}>
              {t("plans.notes.evidenceHint")}
            </span>
            {evidenceError ? (
              <span className="usa-error-message" id={`${formId}-evidence-error`}>
                {evidenceError}
              </span>
            ) : null}
            <TextInput
              id={`${formId}-evidence`}
              name="note-evidence"
              type="url"
              value={evidenceUrl}
              maxLength={2000}
              aria-describedby={`${formId}-evidence-hint${evidenceError ? ` ${formId}-evidence-error` : ""}`}
              aria-invalid={evidenceError ? true : undefined}
              onChange={(event) => setEvidenceUrl(event.target.value)}
            />
          </FormGroup>
          <FormGroup>
            <Label htmlFor={`${formId}-date`}>{t("plans.notes.date")}</Label>
            <input
              id={`${formId}-date`}
              name="note-date"
              type="date"
              className="usa-input plan-date-input"
              value={date}
              onChange={(event) => setDate(event.target.value)}
            />
          </FormGroup>
          <Button type="submit" disabled={saving}>
            {saving ? t("plans.cell.saving") : t("plans.notes.submit")}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
