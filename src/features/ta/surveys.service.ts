/**
 * The public evaluation survey of a training: anyone with the link (a secret token) reads it in English or
 * Spanish and answers once per visit. Nothing identifying is kept — no name, e-mail or address, only the
 * answers, the locale and the time — and the audit event of a response carries no IP.
 */

import type { Db } from "../../db/client.ts";
import { surveyResponses } from "../../db/schema/index.ts";
import { AppError } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { checkAnswers, responseCap } from "./surveys.rules.ts";
import {
  countRegistrations,
  countResponses,
  loadTrainingByToken,
  lockTraining,
} from "./trainings.repository.ts";
import type { PublicSurveyDocument, SurveyResponseInput } from "./trainings.schema.ts";

export interface SurveysDeps {
  db: Db;
}

/** Unknown and closed surveys answer the same 404. */
async function openSurvey(db: Db, token: string) {
  const training = await loadTrainingByToken(db, token);
  if (!training?.surveyOpen) throw new AppError("resource.not_found", "This survey is not open.");
  return training;
}

export async function getPublicSurvey(
  deps: SurveysDeps,
  token: string,
  locale: "en" | "es" = "en",
): Promise<PublicSurveyDocument> {
  const training = await openSurvey(deps.db, token);
  const survey = training.survey;
  return {
    locale,
    title: survey.title[locale],
    training: {
      title: training.title,
      startsAt: training.startsAt.toISOString(),
      location: training.location,
    },
    scale: survey.scale,
    anchors: { low: survey.anchors.low[locale], high: survey.anchors.high[locale] },
    items: survey.items.map((item) => ({ key: item.key, kind: item.kind, text: item.text[locale] })),
  };
}

export async function submitSurveyResponse(
  deps: SurveysDeps,
  token: string,
  input: SurveyResponseInput,
  audit: AuditContext,
): Promise<void> {
  const training = await openSurvey(deps.db, token);
  const { problems, cleaned } = checkAnswers(training.survey, input.answers);
  if (problems.length > 0) {
    const summary = problems.map((p) => `${p.field} ${p.message}`).join("; ");
    throw new AppError("validation.failed", `The answers are not valid: ${summary}`, problems);
  }
  await deps.db.transaction(async (tx) => {
    const locked = await lockTraining(tx, training.id);
    if (!locked) throw new AppError("resource.not_found", "This survey is not open.");
    const [responses, registrations] = [
      await countResponses(tx, training.id),
      await countRegistrations(tx, training.id),
    ];
    const cap = responseCap(registrations, locked.capacity);
    if (responses >= cap) {
      throw new AppError("survey.response_limit", "This survey has received all the responses it accepts.", [
        { message: "response limit reached", limit: cap },
      ]);
    }
    await tx
      .insert(surveyResponses)
      .values({ trainingId: training.id, answers: cleaned, locale: input.locale ?? "en" });
    await recordAudit(
      tx,
      { ...audit, ip: null },
      {
        action: "survey.respond",
        outcome: "success",
        resourceType: "training",
        resourceId: training.id,
        organizationId: training.organizationId,
      },
    );
  });
}
