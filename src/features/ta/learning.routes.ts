/**
 * The peer learning library, trainings and their public evaluation survey (issue 8 items 4 and 5,
 * docs/ta.md "Peer learning library and trainings").
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { errorResponses } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import {
  AddCommentBody,
  CreateResourceBody,
  DeleteResourceQuery,
  LIBRARY_BODY_LIMIT,
  ListResourcesQuery,
  Resource,
  ResourceComment,
  ResourceList,
  ResourceParams,
  UpdateResourceBody,
} from "./library.schema.ts";
import {
  addResourceComment,
  createResource,
  deleteResource,
  downloadResource,
  getResource,
  type LibraryDeps,
  listResources,
  updateResource,
} from "./library.service.ts";
import { getPublicSurvey, submitSurveyResponse } from "./surveys.service.ts";
import {
  AttendanceBody,
  CreateTrainingBody,
  ListTrainingsQuery,
  PublicSurvey,
  PublicSurveyQuery,
  RegisterBody,
  SurveyResponseBody,
  SurveyTokenParams,
  Training,
  TrainingList,
  TrainingParams,
  TrainingResults,
  TrainingResultsSummary,
  UpdateTrainingBody,
} from "./trainings.schema.ts";
import {
  createTraining,
  getTraining,
  getTrainingResults,
  getTrainingResultsSummary,
  listTrainings,
  recordAttendance,
  registerForTraining,
  type TrainingsDeps,
  updateTraining,
} from "./trainings.service.ts";

/** Public survey limits per IP: reading is cheap, answering is what a flood would abuse. */
export const PUBLIC_SURVEY_READS_PER_MINUTE = 60;
export const PUBLIC_SURVEY_RESPONSES_PER_MINUTE = 10;

const contentDisposition = (fileName: string) => {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

export const learningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const library = (): LibraryDeps => ({ db: app.database.db });
  const training = (): TrainingsDeps => ({ db: app.database.db, publicUrl: app.config.publicUrl });
  const tags = ["library"];

  app.get(
    "/library/resources",
    {
      schema: {
        operationId: "listResources",
        summary:
          "Search the peer learning library (every word of q in title, description, tags or audiences) and filter by tag, sector, audience, kind.",
        tags,
        querystring: ListResourcesQuery,
        response: { 200: ResourceList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listResources(library(), requireActor(request), request.query) }),
  );

  app.post(
    "/library/resources",
    {
      bodyLimit: LIBRARY_BODY_LIMIT,
      schema: {
        operationId: "createResource",
        summary:
          "Share a link or a small file (≤ 5 MB, base64; PDF, DOCX, XLSX, PNG or JPEG by content) with tags, sectors and audiences.",
        tags,
        body: CreateResourceBody,
        response: { 201: Resource, ...errorResponses, 422: Type.Ref("ErrorResponse") },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createResource(library(), requireActor(request), request.body, request.auditContext())),
  );

  app.get(
    "/library/resources/:id",
    {
      schema: {
        operationId: "getResource",
        summary: "One resource, who shared it (person and organization) and its comments.",
        tags,
        params: ResourceParams,
        response: { 200: Resource, ...errorResponses },
      },
    },
    async (request) => getResource(library(), requireActor(request), request.params.id),
  );

  app.get(
    "/library/resources/:id/file",
    {
      schema: {
        operationId: "downloadResource",
        summary: "The shared file's bytes (a link resource answers 404: use its url).",
        tags,
        params: ResourceParams,
        response: { 200: Type.String({ description: "the file" }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await downloadResource(library(), requireActor(request), request.params.id);
      return reply
        .type(file.contentType)
        .header("content-disposition", contentDisposition(file.fileName))
        .send(file.content);
    },
  );

  app.patch(
    "/library/resources/:id",
    {
      bodyLimit: LIBRARY_BODY_LIMIT,
      schema: {
        operationId: "updateResource",
        summary:
          "Change a shared resource (staff of the sharer's organization). Send the version you loaded.",
        tags,
        params: ResourceParams,
        body: UpdateResourceBody,
        response: { 200: Resource, ...errorResponses, 422: Type.Ref("ErrorResponse") },
      },
    },
    async (request) =>
      updateResource(
        library(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      ),
  );

  app.delete(
    "/library/resources/:id",
    {
      schema: {
        operationId: "deleteResource",
        summary: "Remove a shared resource and its comments (staff of the sharer's organization).",
        tags,
        params: ResourceParams,
        querystring: DeleteResourceQuery,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteResource(
        library(),
        requireActor(request),
        request.params.id,
        request.query.version,
        request.auditContext(),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/library/resources/:id/comments",
    {
      schema: {
        operationId: "addResourceComment",
        summary: "Comment on a resource (staff of any organization, as the active organization).",
        tags,
        params: ResourceParams,
        body: AddCommentBody,
        response: { 201: ResourceComment, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addResourceComment(
            library(),
            requireActor(request),
            request.params.id,
            request.body.body,
            request.auditContext(),
          ),
        ),
  );

  const trainingTags = ["trainings"];

  app.get(
    "/trainings",
    {
      schema: {
        operationId: "listTrainings",
        summary:
          "Trainings the active organization's TA network sees: its own and those organized in its state, newest first.",
        tags: trainingTags,
        querystring: ListTrainingsQuery,
        response: { 200: TrainingList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listTrainings(training(), requireActor(request), request.query) }),
  );

  app.post(
    "/trainings",
    {
      schema: {
        operationId: "createTraining",
        summary:
          "Schedule a training (awareness or implementation level) organized by the active TA network organization; it gets the current evaluation survey and a secret survey link.",
        tags: trainingTags,
        body: CreateTrainingBody,
        response: { 201: Training, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createTraining(training(), requireActor(request), request.body, request.auditContext())),
  );

  app.get(
    "/trainings/results",
    {
      schema: {
        operationId: "getTrainingResultsSummary",
        summary:
          "Evaluation results across the trainings the TA network sees: per event the mean of item means and the response rate, per item pooled over events.",
        tags: trainingTags,
        querystring: ListTrainingsQuery,
        response: { 200: TrainingResultsSummary, ...errorResponses },
      },
    },
    async (request) => getTrainingResultsSummary(training(), requireActor(request), request.query),
  );

  app.get(
    "/trainings/:id",
    {
      schema: {
        operationId: "getTraining",
        summary: "One training; for the organizer's staff also its registrations and the public survey link.",
        tags: trainingTags,
        params: TrainingParams,
        response: { 200: Training, ...errorResponses },
      },
    },
    async (request) => getTraining(training(), requireActor(request), request.params.id),
  );

  app.patch(
    "/trainings/:id",
    {
      schema: {
        operationId: "updateTraining",
        summary:
          "Change a training or open/close its survey (organizer's staff). Send the version you loaded.",
        tags: trainingTags,
        params: TrainingParams,
        body: UpdateTrainingBody,
        response: { 200: Training, ...errorResponses },
      },
    },
    async (request) =>
      updateTraining(
        training(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      ),
  );

  app.post(
    "/trainings/:id/registrations",
    {
      schema: {
        operationId: "registerForTraining",
        summary: "Register a participant (organizer's staff); a full training answers 409 training.full.",
        tags: trainingTags,
        params: TrainingParams,
        body: RegisterBody,
        response: { 201: Training, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await registerForTraining(
            training(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );

  app.put(
    "/trainings/:id/attendance",
    {
      schema: {
        operationId: "recordAttendance",
        summary:
          "Record who attended: exactly the registrations listed, the others did not (organizer's staff).",
        tags: trainingTags,
        params: TrainingParams,
        body: AttendanceBody,
        response: { 200: Training, ...errorResponses },
      },
    },
    async (request) =>
      recordAttendance(
        training(),
        requireActor(request),
        request.params.id,
        request.body.attended,
        request.auditContext(),
      ),
  );

  app.get(
    "/trainings/:id/results",
    {
      schema: {
        operationId: "getTrainingResults",
        summary:
          "The training's evaluation: per Likert item n, mean, distribution and % agree; the open answers; the response rate.",
        tags: trainingTags,
        params: TrainingParams,
        response: { 200: TrainingResults, ...errorResponses },
      },
    },
    async (request) => getTrainingResults(training(), requireActor(request), request.params.id),
  );

  app.get(
    "/public/surveys/:token",
    {
      config: { public: true, rateLimit: { max: PUBLIC_SURVEY_READS_PER_MINUTE, timeWindow: "1 minute" } },
      schema: {
        operationId: "getPublicSurvey",
        summary:
          "A training's evaluation survey in English or Spanish (no sign-in; 404 when unknown or closed).",
        tags: ["public"],
        params: SurveyTokenParams,
        querystring: PublicSurveyQuery,
        response: { 200: PublicSurvey, ...errorResponses, 429: Type.Ref("ErrorResponse") },
      },
    },
    async (request) => getPublicSurvey({ db: app.database.db }, request.params.token, request.query.locale),
  );

  app.post(
    "/public/surveys/:token/responses",
    {
      config: {
        public: true,
        rateLimit: { max: PUBLIC_SURVEY_RESPONSES_PER_MINUTE, timeWindow: "1 minute" },
      },
      schema: {
        operationId: "submitSurveyResponse",
        summary:
          "Answer a training's evaluation anonymously: every Likert item (1..scale), open questions optional.",
        tags: ["public"],
        params: SurveyTokenParams,
        body: SurveyResponseBody,
        response: {
          201: Type.Object({ received: Type.Literal(true) }),
          ...errorResponses,
          429: Type.Ref("ErrorResponse"),
        },
      },
    },
    async (request, reply) => {
      await submitSurveyResponse(
        { db: app.database.db },
        request.params.token,
        request.body,
        request.auditContext(),
      );
      return reply.code(201).send({ received: true as const });
    },
  );
};
