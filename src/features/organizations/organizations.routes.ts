import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { errorResponses, IdParams } from "../../server/schema.ts";
import { sha256 } from "../../server/tokens.ts";
import { loadSessionActor } from "../accounts/accounts.repository.ts";
import { requireActor, setSessionCookie } from "../accounts/accounts.routes.ts";
import { Me } from "../accounts/accounts.schema.ts";
import { presentMe } from "../accounts/accounts.service.ts";
import {
  AcceptInvitationBody,
  ApiTokenBody,
  ApiTokenCreated,
  ApiTokenList,
  ApiTokenParams,
  InvitationBody,
  InvitationCreated,
  InvitationView,
  MemberList,
  OrganizationList,
  OutboxList,
  TokenParams,
} from "./organizations.schema.ts";
import {
  acceptInvitation,
  createApiToken,
  createInvitation,
  listApiTokens,
  listMembers,
  listOrganizations,
  listOutbox,
  revokeApiToken,
  startSessionFor,
  viewInvitation,
} from "./organizations.service.ts";

const tags = ["organizations"];

export const organizationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;

  app.get(
    "/organizations",
    {
      schema: {
        operationId: "listOrganizations",
        summary: "Organizations taking part, with whether you are a member.",
        tags,
        response: { 200: OrganizationList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listOrganizations(db(), requireActor(request)) }),
  );

  app.get(
    "/organizations/:id/members",
    {
      schema: {
        operationId: "listMembers",
        summary: "Members of an organization and their roles.",
        tags,
        params: IdParams,
        response: { 200: MemberList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listMembers(db(), requireActor(request), request.params.id) }),
  );

  app.post(
    "/organizations/:id/invitations",
    {
      schema: {
        operationId: "createInvitation",
        summary: "Invite someone by e-mail (the link is mailed, or shown in the outbox without SMTP).",
        tags,
        params: IdParams,
        body: InvitationBody,
        response: { 201: InvitationCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createInvitation(
        { db: db(), config: app.config, mailer: app.mailer },
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    "/invitations/:token",
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: "1 minute" } },
      schema: {
        operationId: "getInvitation",
        summary: "What an invitation link is for.",
        tags,
        params: TokenParams,
        response: { 200: InvitationView, ...errorResponses },
      },
    },
    async (request) => viewInvitation(db(), request.params.token),
  );

  app.post(
    "/invitations/:token/accept",
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        operationId: "acceptInvitation",
        summary: "Accept an invitation: creates the account and membership and signs in.",
        tags,
        params: TokenParams,
        body: AcceptInvitationBody,
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId, organizationId } = await acceptInvitation(
        db(),
        request.params.token,
        request.body,
        request.actor,
        request.auditContext(),
      );
      const session = await startSessionFor(db(), userId, app.config.sessionTtlHours, organizationId);
      setSessionCookie(request, reply, session.token, session.expiresAt);
      const loaded = await loadSessionActor(db(), sha256(session.token), new Date());
      if (!loaded) throw new Error("session vanished right after creation");
      return presentMe(loaded.actor, loaded.csrfToken);
    },
  );

  app.get(
    "/organizations/:id/outbox",
    {
      schema: {
        operationId: "listOutbox",
        summary: "Mail sent on behalf of the organization (the place to find invitation links without SMTP).",
        tags,
        params: IdParams,
        response: { 200: OutboxList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listOutbox(db(), requireActor(request), request.params.id) }),
  );

  app.get(
    "/organizations/:id/api-tokens",
    {
      schema: {
        operationId: "listApiTokens",
        summary: "API tokens of the organization (never the secrets).",
        tags,
        params: IdParams,
        response: { 200: ApiTokenList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listApiTokens(db(), requireActor(request), request.params.id) }),
  );

  app.post(
    "/organizations/:id/api-tokens",
    {
      schema: {
        operationId: "createApiToken",
        summary: "Create an API token scoped to this organization; the secret is shown once.",
        tags,
        params: IdParams,
        body: ApiTokenBody,
        response: { 201: ApiTokenCreated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(
        db(),
        requireActor(request),
        request.params.id,
        request.body.name,
        request.auditContext(),
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    "/organizations/:id/api-tokens/:tokenId",
    {
      schema: {
        operationId: "revokeApiToken",
        summary: "Revoke an API token at once.",
        tags,
        params: ApiTokenParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken(
        db(),
        requireActor(request),
        request.params.id,
        request.params.tokenId,
        request.auditContext(),
      );
      return reply.code(204).send(null);
    },
  );
};
