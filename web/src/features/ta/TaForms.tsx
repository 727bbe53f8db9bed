import { Button, ErrorMessage, Form, Label, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type Errors,
  firstError,
  RecipientFields,
  type RecipientState,
  recipientBody,
  recipientErrors,
  TaField,
} from "./FormFields.tsx";
import { apiFieldErrors, RadioGroup, SectorCheckboxes, TaError } from "./TaBits.tsx";
import {
  type EngagementInput,
  type RequestInput,
  type Sector,
  TA_LEVELS,
  type TaEngagement,
  type TaLevel,
  type TaRequest,
} from "./ta.api.ts";

/** Logs or edits a TA request: recipient, topic, sectors, level and the wanted window. */
export function RequestForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: TaRequest;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: RequestInput) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const idPrefix = initial ? "edit-request" : "request";
  const [recipient, setRecipient] = useState<RecipientState>({
    recipientKind: initial?.recipientKind ?? "",
    recipientName: initial?.recipientName ?? "",
    partnershipId: initial?.partnershipId ?? "",
    county: initial?.county ?? "",
  });
  const [topic, setTopic] = useState(initial?.topic ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [sectors, setSectors] = useState<Sector[]>(initial?.sectors ?? []);
  const [level, setLevel] = useState<TaLevel | "">(initial?.level ?? "");
  const [from, setFrom] = useState(initial?.wantedFrom ?? "");
  const [to, setTo] = useState(initial?.wantedTo ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const server = apiFieldErrors(error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Errors = {
      ...recipientErrors(t, recipient),
      topic: topic.trim() ? undefined : t("ta.form.required"),
      sectors: sectors.length > 0 ? undefined : t("ta.form.sectorsRequired"),
      level: level ? undefined : t("ta.form.required"),
      wantedFrom: from ? undefined : t("ta.form.required"),
      wantedTo: !to ? t("ta.form.required") : from && to < from ? t("ta.form.endBeforeStart") : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      firstError(
        next,
        [
          "recipientKind",
          "partnershipId",
          "recipientName",
          "topic",
          "sectors",
          "level",
          "wantedFrom",
          "wantedTo",
        ],
        idPrefix,
      );
      return;
    }
    onSubmit({
      ...recipientBody(recipient),
      topic: topic.trim(),
      description: description.trim() || null,
      sectors,
      level: level as TaLevel,
      wantedFrom: from,
      wantedTo: to,
    });
  }
  const err = (key: string) => errors[key] ?? server[key];

  return (
    <Form onSubmit={submit} noValidate large>
      <RecipientFields
        idPrefix={idPrefix}
        value={recipient}
        onChange={setRecipient}
        errors={{ ...server, ...errors }}
      />
      <TaField
        id={`${idPrefix}-topic`}
        label={t("ta.fields.topic")}
        value={topic}
        onChange={setTopic}
        error={err("topic")}
        required
      />
      <Label htmlFor={`${idPrefix}-description`}>{t("ta.form.description")}</Label>
      <Textarea
        id={`${idPrefix}-description`}
        name="description"
        maxLength={4000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <SectorCheckboxes
        idPrefix={idPrefix}
        legend={t("ta.fields.sectors")}
        value={sectors}
        onChange={setSectors}
        error={err("sectors")}
      />
      <RadioGroup
        idPrefix={`${idPrefix}-level`}
        legend={t("ta.fields.level")}
        options={TA_LEVELS}
        value={level}
        onChange={setLevel}
        labelOf={(l) => t(`ta.levels.${l}`)}
      />
      {err("level") ? <ErrorMessage>{err("level")}</ErrorMessage> : null}
      <TaField
        id={`${idPrefix}-from`}
        type="date"
        label={t("ta.form.wantedFrom")}
        value={from}
        onChange={setFrom}
        error={err("wantedFrom")}
        required
      />
      <TaField
        id={`${idPrefix}-to`}
        type="date"
        label={t("ta.form.wantedTo")}
        value={to}
        onChange={setTo}
        error={err("wantedTo")}
        required
      />
      {error ? <TaError error={error} /> : null}
      <Button type="submit" disabled={pending} className="margin-top-2">
        {submitLabel}
      </Button>
      {onCancel ? (
        <Button type="button" unstyled className="margin-left-2" onClick={onCancel}>
          {t("ta.common.cancel")}
        </Button>
      ) : null}
    </Form>
  );
}

/** Logs or edits an engagement; with a request, recipient, topic, sectors and level come from it. */
export function EngagementForm({
  initial,
  request,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: TaEngagement;
  request?: TaRequest | undefined;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: EngagementInput) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const idPrefix = initial ? "edit-engagement" : "engagement";
  const fromRequest = Boolean(request) && !initial;
  const [recipient, setRecipient] = useState<RecipientState>({
    recipientKind: initial?.recipientKind ?? "",
    recipientName: initial?.recipientName ?? "",
    partnershipId: initial?.partnershipId ?? "",
    county: initial?.county ?? "",
  });
  const [topic, setTopic] = useState(initial?.topic ?? "");
  const [sectors, setSectors] = useState<Sector[]>(initial?.sectors ?? []);
  const [level, setLevel] = useState<TaLevel | "">(initial?.level ?? "");
  const [from, setFrom] = useState(initial?.startsOn ?? request?.wantedFrom ?? "");
  const [to, setTo] = useState(initial?.endsOn ?? request?.wantedTo ?? "");
  const [activities, setActivities] = useState(initial?.activities ?? "");
  const [hours, setHours] = useState(initial?.hours == null ? "" : String(initial.hours));
  const [participants, setParticipants] = useState(
    initial?.participants == null ? "" : String(initial.participants),
  );
  const [results, setResults] = useState(initial?.results ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const server = apiFieldErrors(error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const hoursValue = hours.trim() === "" ? null : Number(hours);
    const participantsValue = participants.trim() === "" ? null : Number(participants);
    const next: Errors = {
      ...(fromRequest
        ? {}
        : {
            ...recipientErrors(t, recipient),
            topic: topic.trim() ? undefined : t("ta.form.required"),
            sectors: sectors.length > 0 ? undefined : t("ta.form.sectorsRequired"),
            level: level ? undefined : t("ta.form.required"),
          }),
      startsOn: from ? undefined : t("ta.form.required"),
      endsOn: !to ? t("ta.form.required") : from && to < from ? t("ta.form.endBeforeStart") : undefined,
      hours: hoursValue !== null && !(hoursValue >= 0) ? t("ta.form.numberInvalid") : undefined,
      participants:
        participantsValue !== null && !(Number.isInteger(participantsValue) && participantsValue >= 0)
          ? t("ta.form.numberInvalid")
          : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean)) {
      firstError(
        next,
        [
          "recipientKind",
          "partnershipId",
          "recipientName",
          "topic",
          "sectors",
          "level",
          "startsOn",
          "endsOn",
          "hours",
          "participants",
        ],
        idPrefix,
      );
      return;
    }
    onSubmit({
      ...(fromRequest && request
        ? { requestId: request.id }
        : { ...recipientBody(recipient), topic: topic.trim(), sectors, level: level as TaLevel }),
      startsOn: from,
      endsOn: to,
      activities: activities.trim() || null,
      hours: hoursValue,
      participants: participantsValue,
      results: results.trim() || null,
    });
  }
  const err = (key: string) => errors[key] ?? server[key];

  return (
    <Form onSubmit={submit} noValidate large>
      {fromRequest && request ? (
        <p>{t("ta.form.forRequest", { topic: request.topic, recipient: request.recipientName })}</p>
      ) : (
        <>
          <RecipientFields
            idPrefix={idPrefix}
            value={recipient}
            onChange={setRecipient}
            errors={{ ...server, ...errors }}
          />
          <TaField
            id={`${idPrefix}-topic`}
            label={t("ta.fields.topic")}
            value={topic}
            onChange={setTopic}
            error={err("topic")}
            required
          />
          <SectorCheckboxes
            idPrefix={idPrefix}
            legend={t("ta.fields.sectors")}
            value={sectors}
            onChange={setSectors}
            error={err("sectors")}
          />
          <RadioGroup
            idPrefix={`${idPrefix}-level`}
            legend={t("ta.fields.level")}
            options={TA_LEVELS}
            value={level}
            onChange={setLevel}
            labelOf={(l) => t(`ta.levels.${l}`)}
          />
          {err("level") ? <ErrorMessage>{err("level")}</ErrorMessage> : null}
        </>
      )}
      <TaField
        id={`${idPrefix}-from`}
        type="date"
        label={t("ta.form.startsOn")}
        value={from}
        onChange={setFrom}
        error={err("startsOn")}
        required
      />
      <TaField
        id={`${idPrefix}-to`}
        type="date"
        label={t("ta.form.endsOn")}
        value={to}
        onChange={setTo}
        error={err("endsOn")}
        required
      />
      <Label htmlFor={`${idPrefix}-activities`}>{t("ta.fields.activities")}</Label>
      <Textarea
        id={`${idPrefix}-activities`}
        name="activities"
        maxLength={4000}
        value={activities}
        onChange={(e) => setActivities(e.target.value)}
      />
      <TaField
        id={`${idPrefix}-hours`}
        type="number"
        label={t("ta.fields.hours")}
        value={hours}
        onChange={setHours}
        error={err("hours")}
      />
      <TaField
        id={`${idPrefix}-participants`}
        type="number"
        label={t("ta.fields.participants")}
        value={participants}
        onChange={setParticipants}
        error={err("participants")}
      />
      <Label htmlFor={`${idPrefix}-results`}>{t("ta.fields.results")}</Label>
      <Textarea
        id={`${idPrefix}-results`}
        name="results"
        maxLength={4000}
        value={results}
        onChange={(e) => setResults(e.target.value)}
      />
      {error ? <TaError error={error} /> : null}
      <Button type="submit" disabled={pending} className="margin-top-2">
        {submitLabel}
      </Button>
      {onCancel ? (
        <Button type="button" unstyled className="margin-left-2" onClick={onCancel}>
          {t("ta.common.cancel")}
        </Button>
      ) : null}
    </Form>
  );
}
