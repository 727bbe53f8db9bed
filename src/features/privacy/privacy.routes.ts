/**
 * The privacy officer's work (docs/consent.md): reviewing break-glass accesses and managing retention.
 * Admins and privacy officers of the active organization; every change is audited.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { BREAK_GLASS_REVIEW_OUTCOMES, RETENTION_RECORD_TYPES } from "../../db/schema/index.ts";
import { type Action, type Actor, authorize } from "../../server/authorization.ts";
import { todayIn } from "../../server/config.ts";
import { AppError } from "../../server/errors.ts";
import { errorResponses, IdParams, Uuid } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { listBreakGlassAccesses, reviewBreakGlassAccess } from "./break-glass-review.service.ts";
import {
  applyRetention,
  listRetentionRules,
  previewRetention,
  updateRetentionRule,
} from "./retention.service.ts";

const tags = ["privacy"];
const DateTime = Type.String({ format: "date-time" });
const IsoDate = Type.String({ format: "date" });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const RecordType = Type.Enum([...RETENTION_RECORD_TYPES]);

const BreakGlassAccess = Type.Object({
  id: Uuid,
  familyId: Uuid,
  familyName: Type.String(),
  user: Type.Object({ id: Uuid, name: Type.String(), email: Type.String() }),
  accessingOrganization: Type.Object({ id: Uuid, name: Type.String() }),
  reason: Type.String(),
  openedAt: DateTime,
  expiresAt: DateTime,
  open: Type.Boolean({ description: "the access has not expired yet" }),
  review: Nullable(
    Type.Object({
      outcome: Type.Enum([...BREAK_GLASS_REVIEW_OUTCOMES]),
      note: Type.String(),
      reviewedBy: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
      reviewedAt: DateTime,
    }),
  ),
});

const RetentionRule = Type.Object({
  recordType: RecordType,
  afterMonths: Type.Integer(),
  enabled: Type.Boolean(),
  version: Type.Integer({ minimum: 0, description: "0 until the organization first sets the rule" }),
});
const RetentionRules = Type.Object({ items: Type.Array(RetentionRule) });
const Counts = Type.Object({
  closed_family: Type.Integer(),
  finished_referral: Type.Integer(),
  ended_consent_form: Type.Integer(),
});

const RetentionPreview = Type.Object({
  asOf: IsoDate,
  previewId: Type.String({ description: "pass to applyRetention: it refuses if the preview has changed" }),
  rules: Type.Array(RetentionRule),
  counts: Counts,
  items: Type.Array(
    Type.Object({
      recordType: RecordType,
      recordId: Uuid,
      familyId: Uuid,
      label: Type.String(),
      endedOn: IsoDate,
      eligibleSince: IsoDate,
      enabled: Type.Boolean({ description: "its rule is enabled: applying changes it" }),
    }),
  ),
});

/** The active organization, if the actor may do `action` for it. */
function activeOrganization(actor: Actor, action: Action, type: string): string {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, action, { type, organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  return organizationId;
}

export const privacyOfficerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;
  const today = () => todayIn(app.config.timeZone);

  app.get(
    "/privacy/break-glass",
    {
      schema: {
        operationId: "listBreakGlassAccesses",
        summary:
          "Emergency (break-glass) openings of the active organization's family records, newest first, for review.",
        tags,
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Enum(["pending", "reviewed", "all"], { default: "pending" })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(BreakGlassAccess) }), ...errorResponses },
      },
    },
    async (request) => {
      const organizationId = activeOrganization(requireActor(request), "privacy.review", "break_glass");
      const items = await listBreakGlassAccesses(
        db(),
        organizationId,
        request.query.status ?? "pending",
        request.query.limit ?? 200,
      );
      return { items };
    },
  );

  app.post(
    "/privacy/break-glass/:id/review",
    {
      schema: {
        operationId: "reviewBreakGlassAccess",
        summary: "Record whether a break-glass access was justified, with a note; once per access.",
        tags,
        params: IdParams,
        body: Type.Object(
          {
            outcome: Type.Enum([...BREAK_GLASS_REVIEW_OUTCOMES]),
            note: Type.String({ minLength: 1, maxLength: 2000, pattern: "\\S" }),
          },
          { additionalProperties: false },
        ),
        response: { 200: BreakGlassAccess, ...errorResponses },
      },
    },
    async (request) =>
      reviewBreakGlassAccess(
        db(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      ),
  );

  app.get(
    "/privacy/retention-rules",
    {
      schema: {
        operationId: "listRetentionRules",
        summary: "The retention rule of every record type (disabled defaults where none is set).",
        tags,
        response: { 200: RetentionRules, ...errorResponses },
      },
    },
    async (request) => {
      const organizationId = activeOrganization(requireActor(request), "retention.manage", "retention_rule");
      return { items: await listRetentionRules(db(), organizationId) };
    },
  );

  app.put(
    "/privacy/retention-rules/:recordType",
    {
      schema: {
        operationId: "updateRetentionRule",
        summary:
          "Set after how many months a record type is anonymized or removed, and whether the rule is on.",
        tags,
        params: Type.Object({ recordType: RecordType }, { additionalProperties: false }),
        body: Type.Object(
          {
            afterMonths: Type.Integer({ minimum: 1, maximum: 600 }),
            enabled: Type.Boolean(),
            version: Type.Integer({
              minimum: 0,
              description: "the version loaded (0: the defaults); 409 when stale",
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: RetentionRules, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const organizationId = activeOrganization(actor, "retention.manage", "retention_rule");
      const items = await updateRetentionRule(
        db(),
        organizationId,
        request.params.recordType,
        request.body,
        actor.userId,
        request.auditContext(),
      );
      return { items };
    },
  );

  app.get(
    "/privacy/retention/preview",
    {
      schema: {
        operationId: "previewRetention",
        summary:
          "Dry run: the records every rule reaches today (each marked with whether its rule is enabled) and the preview's id.",
        tags,
        response: { 200: RetentionPreview, ...errorResponses },
      },
    },
    async (request) => {
      const organizationId = activeOrganization(requireActor(request), "retention.manage", "retention_rule");
      return previewRetention(db(), organizationId, today(), app.config.timeZone);
    },
  );

  app.post(
    "/privacy/retention/apply",
    {
      schema: {
        operationId: "applyRetention",
        summary:
          "Apply the enabled rules to what the confirmed preview listed, in one transaction; 409 if the preview changed.",
        tags,
        body: Type.Object(
          { previewId: Type.String({ minLength: 1, maxLength: 128 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ asOf: IsoDate, previewId: Type.String(), counts: Counts }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const organizationId = activeOrganization(requireActor(request), "retention.manage", "retention_rule");
      return applyRetention(
        { db: db(), timeZone: app.config.timeZone },
        organizationId,
        today(),
        request.body.previewId,
        request.auditContext(),
      );
    },
  );
};
