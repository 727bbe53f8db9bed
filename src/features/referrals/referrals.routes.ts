import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { todayIn } from "../../server/config.ts";
import { errorResponses } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import {
  createProviderLink,
  deleteProviderLink,
  emailReferral,
  listProviderLinks,
} from "./provider-outreach.service.ts";
import {
  CreateProviderLinkBody,
  CreateReferralBody,
  EmailReferralBody,
  ListInboundQuery,
  ListReferralsQuery,
  ProviderLink,
  ProviderLinkParams,
  Referral,
  ReferralFigures,
  ReferralList,
  ReferralParams,
  UpdateReferralStatusBody,
} from "./referrals.schema.ts";
import {
  createReferral,
  getReferral,
  getReferralFigures,
  listInboundReferrals,
  listReferrals,
  type ReferralsDeps,
  updateReferralStatus,
} from "./referrals.service.ts";

const tags = ["referrals"];

export const referralsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): ReferralsDeps => ({
    db: app.database.db,
    mailer: app.mailer,
    publicUrl: app.config.publicUrl,
    today: () => todayIn(app.config.timeZone),
  });

  app.post(
    "/referrals",
    {
      schema: {
        operationId: "createReferral",
        summary:
          "Refer a family (and optionally a goal of its service plan) to a directory service, sharing only the snapshot given in `shared`.",
        tags,
        body: CreateReferralBody,
        response: { 201: Referral, ...errorResponses },
      },
    },
    async (request, reply) => {
      const referral = await createReferral(
        deps(),
        requireActor(request),
        request.body,
        request.auditContext(),
      );
      return reply.code(201).send(referral);
    },
  );

  app.get(
    "/referrals",
    {
      schema: {
        operationId: "listReferrals",
        summary:
          "Referrals sent by the active organization (or, with `familyId`, by the family's organization).",
        tags,
        querystring: ListReferralsQuery,
        response: { 200: ReferralList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await listReferrals(deps(), requireActor(request), request.query, request.auditContext()),
    }),
  );

  app.get(
    "/referrals/inbound",
    {
      schema: {
        operationId: "listInboundReferrals",
        summary: "The receiving queue of the active organization: open referrals (default) or all.",
        tags,
        querystring: ListInboundQuery,
        response: { 200: ReferralList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await listInboundReferrals(deps(), requireActor(request), request.query, request.auditContext()),
    }),
  );

  app.get(
    "/referral-figures",
    {
      schema: {
        operationId: "getReferralFigures",
        summary:
          "Per provider: referrals sent, median hours to accept, acceptance and completion rates; and the active organization's own as a receiver.",
        tags,
        response: { 200: ReferralFigures, ...errorResponses },
      },
    },
    async (request) => getReferralFigures(deps(), requireActor(request), request.auditContext()),
  );

  app.get(
    "/referrals/:id",
    {
      schema: {
        operationId: "getReferral",
        summary: "One referral with its history, as the reader's side (sender or receiver) sees it.",
        tags,
        params: ReferralParams,
        response: { 200: Referral, ...errorResponses },
      },
    },
    async (request) => getReferral(deps(), requireActor(request), request.params.id, request.auditContext()),
  );

  app.put(
    "/referrals/:id/status",
    {
      schema: {
        operationId: "updateReferralStatus",
        summary:
          "Move a referral: accept, decline (reason), complete (outcome), not completed (reason) by the receiver; cancel by the sender. Send the version you loaded.",
        tags,
        params: ReferralParams,
        body: UpdateReferralStatusBody,
        response: { 200: Referral, ...errorResponses },
      },
    },
    async (request) =>
      updateReferralStatus(
        deps(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      ),
  );

  app.post(
    "/referrals/:id/email",
    {
      schema: {
        operationId: "emailReferral",
        summary:
          "E-mail a referral to a provider that is not on Trellis (the shared snapshot, in English or Spanish), after confirming the family agreed to share it with that provider.",
        tags,
        params: ReferralParams,
        body: EmailReferralBody,
        response: {
          200: Type.Object({ emailedTo: Type.String(), emailedAt: Type.String({ format: "date-time" }) }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      emailReferral(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.get(
    "/referral-provider-links",
    {
      schema: {
        operationId: "listReferralProviderLinks",
        summary: "The directory organizations whose referrals the active organization receives in Trellis.",
        tags,
        response: { 200: Type.Object({ items: Type.Array(ProviderLink) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listProviderLinks(deps(), requireActor(request)) }),
  );

  app.post(
    "/referral-provider-links",
    {
      schema: {
        operationId: "createReferralProviderLink",
        summary:
          "Receive in Trellis the referrals sent to a directory organization (managers); 409 if another organization already does.",
        tags,
        body: CreateProviderLinkBody,
        response: { 201: ProviderLink, ...errorResponses },
      },
    },
    async (request, reply) => {
      const link = await createProviderLink(
        deps(),
        requireActor(request),
        request.body.hsdsOrganizationId,
        request.auditContext(),
      );
      return reply.code(201).send(link);
    },
  );

  app.delete(
    "/referral-provider-links/:hsdsOrganizationId",
    {
      schema: {
        operationId: "deleteReferralProviderLink",
        summary: "Stop receiving a directory organization's referrals (new ones go off Trellis).",
        tags,
        params: ProviderLinkParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteProviderLink(
        deps(),
        requireActor(request),
        request.params.hsdsOrganizationId,
        request.auditContext(),
      );
      return reply.code(204).send(null);
    },
  );
};
