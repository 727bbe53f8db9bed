import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { TEAM_CATEGORIES } from "../../db/schema/index.ts";
import { todayIn } from "../../server/config.ts";
import { errorResponses, Uuid } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { PlanDocument, PlanParams } from "../plans/plans.schema.ts";
import type { PlansDeps } from "../plans/plans.service.ts";
import { CORE_REPRESENTATIVE_KINDS } from "./checks/catalogue.ts";
import { componentProgress } from "./sip.progress.ts";
import {
  addReviewComment,
  addTeamMember,
  checkPlan,
  createPublicComment,
  diffVersions,
  getPublicPlan,
  listPublicComments,
  listReviewComments,
  listSubmittedSips,
  listTeam,
  listVersions,
  moderatePublicComment,
  postPublicly,
  removeTeamMember,
  resolveReviewComment,
  transitionPlan,
  workflowState,
} from "./sip.service.ts";
import { SIP_STATUSES } from "./sip.workflow.ts";

const tags = ["sip"];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const I18n = Type.Object({ en: Type.String(), es: Type.String() });
const Finding = Type.Object({
  code: Type.String(),
  severity: Type.Enum(["error", "warning", "info"]),
  message: I18n,
  itemId: Nullable(Type.String()),
  section: Nullable(Type.String()),
  suggestion: Type.Optional(I18n),
});
const TeamMember = Type.Object({
  id: Uuid,
  name: Type.String(),
  affiliation: Type.String(),
  category: Type.Enum(TEAM_CATEGORIES),
  representative: Nullable(Type.String()),
  consulted: Nullable(Type.String()),
});
const ok = Type.Object({ ok: Type.Literal(true) });
const SubParams = (name: string) => Type.Object({ id: Uuid, [name]: Uuid }, { additionalProperties: false });
const date = Type.String({ format: "date" });

export const sipRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): PlansDeps => ({
    db: app.database.db,
    templates: app.templates,
    today: () => todayIn(app.config.timeZone),
  });

  app.get(
    "/plans/:id/checks",
    {
      schema: {
        operationId: "checkPlan",
        summary:
          "Run the SIP user guide's checks: findings with code, severity, message and the item they concern.",
        tags,
        params: PlanParams,
        response: {
          200: Type.Object({ findings: Type.Array(Finding), errors: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => checkPlan(deps(), requireActor(request), request.params.id),
  );

  const ProgressPoint = Type.Object({
    periodEnd: Type.String(),
    periodLabel: Type.String(),
    value: Nullable(Type.Number()),
    masked: Type.Boolean(),
  });
  app.get(
    "/plans/:id/components/progress",
    {
      schema: {
        operationId: "getSipComponentProgress",
        summary:
          "Each component's measure with its baseline, the improvement goals (targets) and, after acceptance, the values imported since.",
        tags,
        params: PlanParams,
        response: {
          200: Type.Object({
            county: Type.String(),
            acceptedAt: Nullable(Type.String()),
            items: Type.Array(
              Type.Object({
                itemId: Uuid,
                title: Type.String(),
                measureCode: Nullable(Type.String()),
                measure: Nullable(
                  Type.Object({
                    code: Type.String(),
                    name: Type.String(),
                    kind: Type.String(),
                    unit: Nullable(Type.String()),
                    better: Nullable(Type.Enum(["lower", "higher"])),
                    nationalPerformance: Nullable(Type.Number()),
                  }),
                ),
                goals: Type.Array(Type.Object({ number: Nullable(Type.String()), title: Type.String() })),
                baseline: Nullable(ProgressPoint),
                latest: Nullable(ProgressPoint),
                later: Type.Array(ProgressPoint),
                change: Nullable(Type.Number()),
                trend: Nullable(Type.Enum(["better", "worse", "same"])),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => componentProgress(deps(), requireActor(request), request.params.id),
  );

  app.get(
    "/plans/:id/team",
    {
      schema: {
        operationId: "listSipTeam",
        summary: "The SIP team and the groups consulted.",
        tags,
        params: PlanParams,
        response: { 200: Type.Object({ items: Type.Array(TeamMember) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listTeam(deps(), requireActor(request), request.params.id) }),
  );

  app.post(
    "/plans/:id/team",
    {
      schema: {
        operationId: "addSipTeamMember",
        summary:
          "Add a person or group to the SIP team, with the guide's category and core representative kind.",
        tags,
        params: PlanParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            affiliation: Type.String({ minLength: 1, maxLength: 300 }),
            category: Type.Enum(TEAM_CATEGORIES),
            representative: Type.Optional(Nullable(Type.Enum(CORE_REPRESENTATIVE_KINDS))),
            consulted: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: TeamMember, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addTeamMember(
            deps(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );

  app.delete(
    "/plans/:id/team/:memberId",
    {
      schema: {
        operationId: "removeSipTeamMember",
        summary: "Remove a SIP team member.",
        tags,
        params: SubParams("memberId"),
        response: { 200: ok, ...errorResponses },
      },
    },
    async (request) => {
      const params = request.params as { id: string; memberId: string };
      await removeTeamMember(
        deps(),
        requireActor(request),
        params.id,
        params.memberId,
        request.auditContext(),
      );
      return { ok: true as const };
    },
  );

  app.get(
    "/plans/:id/workflow",
    {
      schema: {
        operationId: "getPlanWorkflow",
        summary:
          "Where the SIP is in its life cycle, the moves open to you, its history and accepted versions.",
        tags,
        params: PlanParams,
        response: { 200: Type.Record(Type.String(), Type.Unknown()), ...errorResponses },
      },
    },
    async (request) => workflowState(deps(), requireActor(request), request.params.id),
  );

  app.post(
    "/plans/:id/transitions",
    {
      schema: {
        operationId: "transitionPlan",
        summary:
          "Move the SIP to its next status (by role; submission and acceptance need the checks to pass).",
        tags,
        params: PlanParams,
        body: Type.Object(
          {
            to: Type.Enum(SIP_STATUSES),
            note: Type.Optional(Type.String({ maxLength: 5000 })),
            boardApprovalDate: Type.Optional(date),
            agendaItem: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ status: Type.String() }),
          ...errorResponses,
          422: Type.Ref("ErrorResponse"),
        },
      },
    },
    async (request) =>
      transitionPlan(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.get(
    "/plans/:id/versions",
    {
      schema: {
        operationId: "listPlanVersions",
        summary:
          "Accepted versions of the SIP (1 at acceptance, then one per annual update) with the annual update due date.",
        tags,
        params: PlanParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                version: Type.Integer(),
                acceptedAt: Type.String(),
                annualUpdateDue: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await listVersions(deps(), requireActor(request), request.params.id) }),
  );

  app.get(
    "/plans/:id/versions/diff",
    {
      schema: {
        operationId: "diffPlanVersions",
        summary:
          "Goals, strategies, milestones and statuses added, removed or changed between two versions (to=current for the working copy).",
        tags,
        params: PlanParams,
        querystring: Type.Object(
          {
            from: Type.Integer({ minimum: 1 }),
            to: Type.Union([Type.Integer({ minimum: 1 }), Type.Literal("current")]),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Record(Type.String(), Type.Unknown()), ...errorResponses },
      },
    },
    async (request) =>
      diffVersions(deps(), requireActor(request), request.params.id, request.query.from, request.query.to),
  );

  app.get(
    "/plans/:id/review-comments",
    {
      schema: {
        operationId: "listReviewComments",
        summary: "State review comments per component, threaded.",
        tags,
        params: PlanParams,
        response: {
          200: Type.Object({ items: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      items: await listReviewComments(deps(), requireActor(request), request.params.id),
    }),
  );

  app.post(
    "/plans/:id/review-comments",
    {
      schema: {
        operationId: "addReviewComment",
        summary:
          "Comment on a submitted SIP or one of its components, or reply in a thread (state reviewers and the county).",
        tags,
        params: PlanParams,
        body: Type.Object(
          {
            body: Type.String({ minLength: 1, maxLength: 5000 }),
            itemId: Type.Optional(Uuid),
            parentId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Uuid }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addReviewComment(
            deps(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );

  app.put(
    "/plans/:id/review-comments/:commentId/resolution",
    {
      schema: {
        operationId: "resolveReviewComment",
        summary: "Mark a review thread resolved or open again.",
        tags,
        params: SubParams("commentId"),
        body: Type.Object({ resolved: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: ok, ...errorResponses },
      },
    },
    async (request) => {
      const params = request.params as { id: string; commentId: string };
      await resolveReviewComment(
        deps(),
        requireActor(request),
        params.id,
        params.commentId,
        request.body.resolved,
        request.auditContext(),
      );
      return { ok: true as const };
    },
  );

  app.get(
    "/state-review/sips",
    {
      schema: {
        operationId: "listSubmittedSips",
        summary: "Submitted SIPs of every county with their review status (state reviewers).",
        tags,
        response: {
          200: Type.Object({ items: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await listSubmittedSips(deps(), requireActor(request)) }),
  );

  app.put(
    "/plans/:id/public-posting",
    {
      schema: {
        operationId: "postPlanPublicly",
        summary: "Post the SIP at a public address with a comment period (plan owners).",
        tags,
        params: PlanParams,
        body: Type.Object(
          { commentsOpenFrom: date, commentsOpenUntil: date },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            slug: Type.String(),
            commentsOpenFrom: Type.String(),
            commentsOpenUntil: Type.String(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      postPublicly(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.get(
    "/plans/:id/public-comments",
    {
      schema: {
        operationId: "listPublicComments",
        summary: "Public comments on the posted plan, for moderation.",
        tags,
        params: PlanParams,
        response: {
          200: Type.Object({ items: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({
      items: await listPublicComments(deps(), requireActor(request), request.params.id),
    }),
  );

  app.put(
    "/plans/:id/public-comments/:commentId",
    {
      schema: {
        operationId: "moderatePublicComment",
        summary: "Publish or reject a public comment, with an optional answer from the county.",
        tags,
        params: SubParams("commentId"),
        body: Type.Object(
          {
            status: Type.Enum(["published", "rejected"]),
            response: Type.Optional(Type.String({ maxLength: 5000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ok, ...errorResponses },
      },
    },
    async (request) => {
      const params = request.params as { id: string; commentId: string };
      await moderatePublicComment(
        deps(),
        requireActor(request),
        params.id,
        params.commentId,
        request.body,
        request.auditContext(),
      );
      return { ok: true as const };
    },
  );

  const Slug = Type.Object(
    { slug: Type.String({ pattern: "^[A-Za-z0-9_-]{8,40}$" }) },
    { additionalProperties: false },
  );

  app.get(
    "/public/plans/:slug",
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: "1 minute" } },
      schema: {
        operationId: "getPublicPlan",
        summary: "A posted plan, its comment period and published comments (no sign-in).",
        tags: ["public"],
        params: Slug,
        response: {
          200: Type.Object({
            plan: PlanDocument,
            commentsOpenFrom: Type.String(),
            commentsOpenUntil: Type.String(),
            commentsOpen: Type.Boolean(),
            comments: Type.Array(
              Type.Object({
                id: Uuid,
                name: Nullable(Type.String()),
                body: Type.String(),
                response: Nullable(Type.String()),
                createdAt: Type.String(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const result = await getPublicPlan(deps(), request.params.slug);
      // The public sees the plan, not who edits it.
      return { ...result, plan: { ...result.plan, access: "viewer" as const } };
    },
  );

  app.post(
    "/public/plans/:slug/comments",
    {
      config: { public: true, rateLimit: { max: 5, timeWindow: "1 minute" } },
      schema: {
        operationId: "createPublicComment",
        summary: "Comment on a posted plan during its comment period (name optional; held for moderation).",
        tags: ["public"],
        params: Slug,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 100 })),
            body: Type.String({ minLength: 3, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Uuid, status: Type.String() }),
          ...errorResponses,
          429: Type.Ref("ErrorResponse"),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createPublicComment(deps(), request.params.slug, request.body, request.auditContext())),
  );
};
