import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { todayIn } from "../../server/config.ts";
import { errorResponses } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { FamilyParams } from "../families/families.schema.ts";
import { fileNameFor } from "../plans/plan-exports.routes.ts";
import {
  BreakGlassAccess,
  BreakGlassBody,
  ConsentDocument,
  ConsentParams,
  CreateConsentBody,
  CreateProgramRecordBody,
  ProgramRecord,
  RevokeConsentBody,
  SharedFamilyDocument,
  SharedFamilyQuery,
  SharedFamilySummary,
} from "./consent.schema.ts";
import {
  createConsent,
  createProgramRecord,
  getSignedForm,
  listConsents,
  listProgramRecords,
  revokeConsent,
} from "./consent.service.ts";
import { breakGlass, getSharedFamily, listSharedFamilies } from "./shared.service.ts";

const tags = ["consent"];

export const consentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = () => ({
    db: app.database.db,
    today: () => todayIn(app.config.timeZone),
    mailer: app.mailer,
    publicUrl: app.config.publicUrl,
  });

  app.get(
    "/families/:id/consents",
    {
      schema: {
        operationId: "listConsents",
        summary: "The family's consents to share its information, newest first, with their state today.",
        tags,
        params: FamilyParams,
        response: { 200: Type.Object({ items: Type.Array(ConsentDocument) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listConsents(deps(), requireActor(request), request.params.id, request.auditContext()),
    }),
  );

  app.post(
    "/families/:id/consents",
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        operationId: "createConsent",
        summary:
          "Record a consent: who gave it, the receiving organizations, data categories, purposes, dates and how it was given (a signed form travels inline as base64, at most 3 MB).",
        tags,
        params: FamilyParams,
        body: CreateConsentBody,
        response: { 201: ConsentDocument, ...errorResponses },
      },
    },
    async (request, reply) => {
      const consent = await createConsent(
        deps(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      );
      return reply.code(201).send(consent);
    },
  );

  app.post(
    "/consents/:id/revocation",
    {
      schema: {
        operationId: "revokeConsent",
        summary: "Revoke a consent; access through it ends with the next request, everywhere.",
        tags,
        params: ConsentParams,
        body: RevokeConsentBody,
        response: { 200: ConsentDocument, ...errorResponses },
      },
    },
    async (request) =>
      revokeConsent(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.get(
    "/consents/:id/signed-form",
    {
      schema: {
        operationId: "getConsentSignedForm",
        summary: "The signed consent form as it was uploaded.",
        tags,
        params: ConsentParams,
        response: { 200: Type.String({ description: "the file" }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const form = await getSignedForm(
        deps(),
        requireActor(request),
        request.params.id,
        request.auditContext(),
      );
      const extension =
        form.contentType === "application/pdf" ? "pdf" : (form.contentType.split("/")[1] ?? "bin");
      return reply
        .type(form.contentType)
        .header(
          "content-disposition",
          `attachment; filename="${fileNameFor(form.fileName.replace(/\.[^.]+$/, ""), extension)}"`,
        )
        .serializer((payload: unknown) => payload as string)
        .send(form.content);
    },
  );

  app.get(
    "/families/:id/program-records",
    {
      schema: {
        operationId: "listProgramRecords",
        summary: "Program history held on the family: welfare-to-work eligibility and child-welfare history.",
        tags,
        params: FamilyParams,
        response: { 200: Type.Object({ items: Type.Array(ProgramRecord) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listProgramRecords(
        deps(),
        requireActor(request),
        request.params.id,
        request.auditContext(),
      ),
    }),
  );

  app.post(
    "/families/:id/program-records",
    {
      schema: {
        operationId: "createProgramRecord",
        summary: "Record a piece of program history (shared with other organizations only by consent).",
        tags,
        params: FamilyParams,
        body: CreateProgramRecordBody,
        response: { 201: ProgramRecord, ...errorResponses },
      },
    },
    async (request, reply) => {
      const record = await createProgramRecord(
        deps(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      );
      return reply.code(201).send(record);
    },
  );

  app.get(
    "/shared/families",
    {
      schema: {
        operationId: "listSharedFamilies",
        summary: "Families other organizations share with the active organization now, and what they share.",
        tags,
        response: { 200: Type.Object({ items: Type.Array(SharedFamilySummary) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listSharedFamilies(deps(), requireActor(request), request.auditContext()),
    }),
  );

  app.get(
    "/shared/families/:id",
    {
      schema: {
        operationId: "getSharedFamily",
        summary:
          "A family of another organization, showing only the categories consented for the purpose (default service coordination); `withheld` says why the others are not shown. 403 `consent.required` when nothing is.",
        tags,
        params: FamilyParams,
        querystring: SharedFamilyQuery,
        response: { 200: SharedFamilyDocument, ...errorResponses },
      },
    },
    async (request) =>
      getSharedFamily(
        deps(),
        requireActor(request),
        request.params.id,
        request.query.purpose ?? "service_coordination",
        request.auditContext(),
      ),
  );

  app.post(
    "/shared/families/:id/break-glass",
    {
      schema: {
        operationId: "breakGlass",
        summary:
          "Emergency access to a family's record without consent, for an organization tied to the family; needs a typed reason, lasts four hours and is flagged for the privacy officer's review.",
        tags,
        params: FamilyParams,
        body: BreakGlassBody,
        response: { 201: BreakGlassAccess, ...errorResponses },
      },
    },
    async (request, reply) => {
      const access = await breakGlass(
        deps(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      );
      return reply.code(201).send(access);
    },
  );
};
