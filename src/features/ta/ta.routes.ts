import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { errorResponses } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { getTaDashboard } from "./ta.dashboard.service.ts";
import { decideTaOverlap, listTaOverlaps } from "./ta-requests.overlaps.ts";
import {
  CreateTaEngagementBody,
  CreateTaRequestBody,
  DecideTaOverlapBody,
  ListTaEngagementsQuery,
  ListTaOverlapsQuery,
  ListTaRequestsQuery,
  TaDashboard,
  TaEngagementDetail,
  TaEngagementList,
  TaItemParams,
  TaOverlap,
  TaOverlapList,
  TaRequestDetail,
  TaRequestList,
  UpdateTaEngagementBody,
  UpdateTaRequestBody,
} from "./ta-requests.schema.ts";
import {
  createTaEngagement,
  createTaRequest,
  getTaEngagement,
  getTaRequest,
  listTaEngagements,
  listTaRequests,
  type TaDeps,
  updateTaEngagement,
  updateTaRequest,
} from "./ta-requests.service.ts";

const tags = ["ta"];

/** TA requests, engagements, the possible-overlaps board and the work group dashboard (docs/ta.md). */
export const taRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): TaDeps => ({ db: app.database.db });

  app.get(
    "/ta/requests",
    {
      schema: {
        operationId: "listTaRequests",
        summary:
          "TA requests: every request of its state for the TA network; otherwise those the active organization logged or receives.",
        tags,
        querystring: ListTaRequestsQuery,
        response: { 200: TaRequestList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listTaRequests(deps(), requireActor(request), request.query) }),
  );

  app.post(
    "/ta/requests",
    {
      schema: {
        operationId: "createTaRequest",
        summary:
          "Log a TA request (recipient, topic, sectors, level, wanted window). The answer lists possible overlaps with other requests and engagements, to coordinate.",
        tags,
        body: CreateTaRequestBody,
        response: { 201: TaRequestDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createTaRequest(deps(), requireActor(request), request.body, request.auditContext())),
  );

  app.get(
    "/ta/requests/:id",
    {
      schema: {
        operationId: "getTaRequest",
        summary: "One TA request with its open possible overlaps.",
        tags,
        params: TaItemParams,
        response: { 200: TaRequestDetail, ...errorResponses },
      },
    },
    async (request) => getTaRequest(deps(), requireActor(request), request.params.id),
  );

  app.patch(
    "/ta/requests/:id",
    {
      schema: {
        operationId: "updateTaRequest",
        summary: "Change a TA request or move its status. Send the version you loaded.",
        tags,
        params: TaItemParams,
        body: UpdateTaRequestBody,
        response: { 200: TaRequestDetail, ...errorResponses },
      },
    },
    async (request) =>
      updateTaRequest(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.get(
    "/ta/engagements",
    {
      schema: {
        operationId: "listTaEngagements",
        summary:
          "TA engagements: every engagement of its state for the TA network; otherwise those the active organization provides or receives.",
        tags,
        querystring: ListTaEngagementsQuery,
        response: { 200: TaEngagementList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listTaEngagements(deps(), requireActor(request), request.query) }),
  );

  app.post(
    "/ta/engagements",
    {
      schema: {
        operationId: "createTaEngagement",
        summary:
          "Log TA the active organization (a TA provider or state agency) plans or gives, optionally answering a request. The answer lists possible overlaps.",
        tags,
        body: CreateTaEngagementBody,
        response: { 201: TaEngagementDetail, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createTaEngagement(deps(), requireActor(request), request.body, request.auditContext())),
  );

  app.get(
    "/ta/engagements/:id",
    {
      schema: {
        operationId: "getTaEngagement",
        summary: "One TA engagement with its open possible overlaps.",
        tags,
        params: TaItemParams,
        response: { 200: TaEngagementDetail, ...errorResponses },
      },
    },
    async (request) => getTaEngagement(deps(), requireActor(request), request.params.id),
  );

  app.patch(
    "/ta/engagements/:id",
    {
      schema: {
        operationId: "updateTaEngagement",
        summary:
          "Record activities, hours, participants and results of an engagement, or move its status (the provider's staff). Send the version you loaded.",
        tags,
        params: TaItemParams,
        body: UpdateTaEngagementBody,
        response: { 200: TaEngagementDetail, ...errorResponses },
      },
    },
    async (request) =>
      updateTaEngagement(
        deps(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      ),
  );

  app.get(
    "/ta/overlaps",
    {
      schema: {
        operationId: "listTaOverlaps",
        summary:
          "The possible-overlaps board of the TA network's state: open (default), dismissed or linked.",
        tags,
        querystring: ListTaOverlapsQuery,
        response: { 200: TaOverlapList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listTaOverlaps(deps(), requireActor(request), request.query) }),
  );

  app.post(
    "/ta/overlaps/:id",
    {
      schema: {
        operationId: "decideTaOverlap",
        summary:
          "Dismiss a possible overlap, or link the two items (an engagement without a request then answers the request).",
        tags,
        params: TaItemParams,
        body: DecideTaOverlapBody,
        response: { 200: TaOverlap, ...errorResponses },
      },
    },
    async (request) =>
      decideTaOverlap(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.get(
    "/ta/dashboard",
    {
      schema: {
        operationId: "getTaDashboard",
        summary:
          "The work group dashboard of the TA network's state: trainings held, communities reached, engagements by level and status, open requests, open overlaps.",
        tags,
        response: { 200: TaDashboard, ...errorResponses },
      },
    },
    async (request) => getTaDashboard(deps(), requireActor(request)),
  );
};
