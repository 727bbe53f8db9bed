import "./ta.css";
import { Button, ErrorMessage, Fieldset, FormGroup, Label, Radio, Textarea } from "@trussworks/react-uswds";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ApiError } from "../../app/api.ts";
import type { Locale } from "../../app/types.ts";
import { Page } from "../../ui/Page.tsx";
import { Loading, SuccessAlert } from "../../ui/StatusMessages.tsx";
import { type PublicSurvey, usePublicSurvey, useSubmitSurvey } from "./learning.api.ts";
import { TaError, useTimestampFormat } from "./TaBits.tsx";

/** A training's evaluation survey for participants: no sign-in, English or Spanish, anonymous. */
export function PublicSurveyPage() {
  const { t, i18n } = useTranslation();
  const { token = "" } = useParams();
  const locale: Locale = i18n.resolvedLanguage === "es" ? "es" : "en";
  const survey = usePublicSurvey(token, locale);
  if (survey.isPending) return <Loading />;
  if (survey.isError) {
    const missing =
      survey.error instanceof ApiError && (survey.error.status === 404 || survey.error.status === 400);
    return (
      <Page title={t("ta.survey.unavailableTitle")}>
        {missing ? <p>{t("ta.survey.unavailable")}</p> : <TaError error={survey.error} />}
      </Page>
    );
  }
  return <SurveyForm key={locale} token={token} survey={survey.data} locale={locale} />;
}

function SurveyForm({ token, survey, locale }: { token: string; survey: PublicSurvey; locale: Locale }) {
  const { t } = useTranslation();
  const formatTime = useTimestampFormat();
  const submit = useSubmitSurvey(token);
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const serverErrors = new Map<string, string>();
  if (submit.error instanceof ApiError) {
    for (const detail of submit.error.details) {
      const key = detail.field?.split("/answers/")[1];
      if (key) serverErrors.set(key, t("ta.survey.invalidAnswer"));
    }
  }
  const scale = Array.from({ length: survey.scale }, (_, i) => i + 1);

  function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const unanswered = survey.items.filter(
      (item) => item.kind === "likert" && typeof answers[item.key] !== "number",
    );
    setMissing(new Set(unanswered.map((item) => item.key)));
    const first = unanswered[0];
    if (first) {
      document.getElementById(`answer-${first.key}-1`)?.focus();
      return;
    }
    const body: Record<string, number | string> = {};
    for (const [key, value] of Object.entries(answers)) {
      if (typeof value === "string" && value.trim() === "") continue;
      body[key] = typeof value === "string" ? value.trim() : value;
    }
    submit.mutate({ answers: body, locale });
  }

  if (submit.isSuccess) {
    return (
      <Page title={survey.title}>
        <SuccessAlert heading={t("ta.survey.thanksHeading")}>{t("ta.survey.thanks")}</SuccessAlert>
      </Page>
    );
  }
  return (
    <Page title={survey.title} intro={t("ta.survey.intro", { training: survey.training.title })}>
      <p>
        {formatTime(survey.training.startsAt)}
        {survey.training.location ? ` · ${survey.training.location}` : ""}
      </p>
      <p>{t("ta.survey.anonymous")}</p>
      <form className="usa-form usa-form--large" onSubmit={send} noValidate>
        {missing.size > 0 ? (
          <p className="usa-error-message" role="alert">
            {t("ta.survey.answerAll", { count: missing.size })}
          </p>
        ) : null}
        {survey.items.map((item) => {
          const error = missing.has(item.key) ? t("ta.survey.required") : serverErrors.get(item.key);
          if (item.kind === "likert") {
            return (
              <FormGroup key={item.key} error={Boolean(error)}>
                <Fieldset
                  legend={item.text}
                  aria-describedby={`answer-${item.key}-scale${error ? ` answer-${item.key}-error` : ""}`}
                >
                  <span className="usa-hint" id={`answer-${item.key}-scale`}>
                    {t("ta.survey.scaleHint", {
                      scale: survey.scale,
                      low: survey.anchors.low,
                      high: survey.anchors.high,
                    })}
                  </span>
                  {error ? <ErrorMessage id={`answer-${item.key}-error`}>{error}</ErrorMessage> : null}
                  {scale.map((value) => (
                    <Radio
                      key={value}
                      id={`answer-${item.key}-${value}`}
                      name={`answer-${item.key}`}
                      value={value}
                      tile
                      checked={answers[item.key] === value}
                      onChange={() => setAnswers({ ...answers, [item.key]: value })}
                      label={
                        value === 1
                          ? `${value} — ${survey.anchors.low}`
                          : value === survey.scale
                            ? `${value} — ${survey.anchors.high}`
                            : String(value)
                      }
                    />
                  ))}
                </Fieldset>
              </FormGroup>
            );
          }
          return (
            <FormGroup key={item.key} error={Boolean(error)}>
              <Label htmlFor={`answer-${item.key}`} error={Boolean(error)}>
                {item.text} <span className="text-base-dark">{t("ta.survey.optional")}</span>
              </Label>
              {error ? <ErrorMessage id={`answer-${item.key}-error`}>{error}</ErrorMessage> : null}
              <Textarea
                id={`answer-${item.key}`}
                name={item.key}
                maxLength={2000}
                value={typeof answers[item.key] === "string" ? (answers[item.key] as string) : ""}
                aria-describedby={error ? `answer-${item.key}-error` : undefined}
                onChange={(e) => setAnswers({ ...answers, [item.key]: e.target.value })}
              />
            </FormGroup>
          );
        })}
        {submit.isError && serverErrors.size === 0 ? <TaError error={submit.error} /> : null}
        <Button type="submit" disabled={submit.isPending} className="margin-top-3">
          {t("ta.survey.submit")}
        </Button>
      </form>
    </Page>
  );
}
