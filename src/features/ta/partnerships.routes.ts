import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { errorResponses } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { fileNameFor } from "../plans/plan-exports.routes.ts";
import {
  AddDocumentBody,
  CreatePartnershipBody,
  ListPartnershipsQuery,
  MemberInput,
  Partnership,
  PartnershipDocumentParams,
  PartnershipList,
  PartnershipMemberParams,
  PartnershipParams,
  RecordLevelBody,
  UpdatePartnershipBody,
} from "./partnerships.schema.ts";
import {
  addPartnershipDocument,
  addPartnershipMember,
  createPartnership,
  getPartnership,
  getPartnershipDocument,
  listPartnerships,
  type PartnershipsDeps,
  recordPartnershipLevel,
  removePartnershipMember,
  updatePartnership,
} from "./partnerships.service.ts";

const tags = ["partnerships"];

export const partnershipsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): PartnershipsDeps => ({ db: app.database.db });

  app.get(
    "/partnerships",
    {
      schema: {
        operationId: "listPartnerships",
        summary:
          "The partnership registry: local collaboratives, filtered by words, state or a member sector.",
        tags,
        querystring: ListPartnershipsQuery,
        response: { 200: PartnershipList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listPartnerships(deps(), requireActor(request), request.query) }),
  );

  app.post(
    "/partnerships",
    {
      schema: {
        operationId: "createPartnership",
        summary:
          "Register a partnership; the active organization becomes its steward. Members may come inline.",
        tags,
        body: CreatePartnershipBody,
        response: { 201: Partnership, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createPartnership(deps(), requireActor(request), request.body, request.auditContext())),
  );

  app.get(
    "/partnerships/:id",
    {
      schema: {
        operationId: "getPartnership",
        summary:
          "One partnership with its members, documents (without bytes) and level history, newest first.",
        tags,
        params: PartnershipParams,
        response: { 200: Partnership, ...errorResponses },
      },
    },
    async (request) => getPartnership(deps(), requireActor(request), request.params.id),
  );

  app.patch(
    "/partnerships/:id",
    {
      schema: {
        operationId: "updatePartnership",
        summary: "Change a partnership's details (staff of its steward). Send the version you loaded.",
        tags,
        params: PartnershipParams,
        body: UpdatePartnershipBody,
        response: { 200: Partnership, ...errorResponses },
      },
    },
    async (request) =>
      updatePartnership(
        deps(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      ),
  );

  app.post(
    "/partnerships/:id/members",
    {
      schema: {
        operationId: "addPartnershipMember",
        summary: "Add a member organization (on Trellis or by name) with its sector.",
        tags,
        params: PartnershipParams,
        body: MemberInput,
        response: { 201: Partnership, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addPartnershipMember(
            deps(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );

  app.delete(
    "/partnerships/:id/members/:memberId",
    {
      schema: {
        operationId: "removePartnershipMember",
        summary: "Remove a member from a partnership.",
        tags,
        params: PartnershipMemberParams,
        response: { 200: Partnership, ...errorResponses },
      },
    },
    async (request) =>
      removePartnershipMember(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.memberId,
        request.auditContext(),
      ),
  );

  app.post(
    "/partnerships/:id/documents",
    {
      // A 2 MB file grows by a third in base64.
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        operationId: "addPartnershipDocument",
        summary:
          "Add a charter, bylaws or minutes: a link (`url`) or a small file inline as base64 (at most 2 MB).",
        tags,
        params: PartnershipParams,
        body: AddDocumentBody,
        response: { 201: Partnership, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addPartnershipDocument(
            deps(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );

  app.get(
    "/partnerships/:id/documents/:docId",
    {
      schema: {
        operationId: "getPartnershipDocument",
        summary: "Download a document kept as a file (a link document answers 404: follow its url).",
        tags,
        params: PartnershipDocumentParams,
        response: { 200: Type.String({ description: "the file" }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const doc = await getPartnershipDocument(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.docId,
        request.auditContext(),
      );
      const extension = doc.fileName.match(/\.([A-Za-z0-9]{1,8})$/)?.[1] ?? "bin";
      return reply
        .type(doc.contentType)
        .header(
          "content-disposition",
          `attachment; filename="${fileNameFor(doc.fileName.replace(/\.[^.]+$/, ""), extension)}"`,
        )
        .header("x-content-type-options", "nosniff")
        .serializer((payload: unknown) => payload as string)
        .send(doc.content);
    },
  );

  app.post(
    "/partnerships/:id/levels",
    {
      schema: {
        operationId: "recordPartnershipLevel",
        summary:
          "Record the partnership's level of working together (networking → coordination → cooperation → collaboration) as assessed on a day.",
        tags,
        params: PartnershipParams,
        body: RecordLevelBody,
        response: { 201: Partnership, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordPartnershipLevel(
            deps(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );
};
