import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { todayIn } from "../../server/config.ts";
import { AppError } from "../../server/errors.ts";
import { errorResponses } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { listChanges, undoChange } from "./plan-history.service.ts";
import { createItem, deleteItem, listNotes, moveItem, updateItem } from "./plan-items.service.ts";
import { listMyActionSteps, listTrackedItems } from "./plan-tracking.service.ts";
import {
  ChangeList,
  ChangeParams,
  CreateItemBody,
  CreatePlanBody,
  ItemParams,
  ListPlansQuery,
  MoveItemBody,
  NoteList,
  PlanDocument,
  PlanParams,
  PlanSummary,
  ShareBody,
  ShareList,
  ShareParams,
  TrackedItem,
  TrackedItemsQuery,
  UpdateItemBody,
  UpdatePlanBody,
  VersionQuery,
} from "./plans.schema.ts";
import {
  archivePlan,
  createPlan,
  listAssignees,
  listPlans,
  listShares,
  loadPlanDocument,
  type PlansDeps,
  sharePlan,
  updatePlan,
} from "./plans.service.ts";

const tags = ["plans"];
const ItemResult = Type.Object({
  item: Type.Object({ id: Type.String(), version: Type.Integer() }),
  plan: PlanDocument,
});

export const plansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): PlansDeps => ({
    db: app.database.db,
    templates: app.templates,
    today: () => todayIn(app.config.timeZone),
  });

  app.get(
    "/templates",
    {
      schema: {
        operationId: "listTemplates",
        summary: "Plan templates (the newest version of each), with their full definition.",
        tags,
        response: {
          200: Type.Object({ items: Type.Array(Type.Record(Type.String(), Type.Unknown())) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireActor(request);
      return { items: app.templates.list() };
    },
  );

  app.get(
    "/plans",
    {
      schema: {
        operationId: "listPlans",
        summary:
          "Plans of the active organization and those shared with it; `q` searches plan and item text.",
        tags,
        querystring: ListPlansQuery,
        response: { 200: Type.Object({ items: Type.Array(PlanSummary) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listPlans(deps(), requireActor(request), request.query) }),
  );

  app.post(
    "/plans",
    {
      schema: {
        operationId: "createPlan",
        summary: "Create a plan from a template, owned by the active organization.",
        tags,
        body: CreatePlanBody,
        response: { 201: PlanDocument, ...errorResponses },
      },
    },
    async (request, reply) => {
      const plan = await createPlan(deps(), requireActor(request), request.body, request.auditContext());
      return reply.code(201).send(plan);
    },
  );

  app.get(
    "/plans/:id",
    {
      schema: {
        operationId: "getPlan",
        summary: "The whole plan: header, sections, numbered items, progress, your access.",
        tags,
        params: PlanParams,
        response: { 200: PlanDocument, ...errorResponses },
      },
    },
    async (request) => loadPlanDocument(deps(), requireActor(request), request.params.id),
  );

  app.patch(
    "/plans/:id",
    {
      schema: {
        operationId: "updatePlan",
        summary: "Edit the title, period, header fields or field sections (send the version you loaded).",
        tags,
        params: PlanParams,
        body: UpdatePlanBody,
        response: { 200: PlanDocument, ...errorResponses },
      },
    },
    async (request) =>
      updatePlan(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.delete(
    "/plans/:id",
    {
      schema: {
        operationId: "archivePlan",
        summary: "Archive a plan (owners only); it disappears from lists.",
        tags,
        params: PlanParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await archivePlan(deps(), requireActor(request), request.params.id, request.auditContext());
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/plans/:id/items",
    {
      schema: {
        operationId: "createPlanItem",
        summary:
          "Add an item (a goal, objective, action step, topic area, milestone…) under a parent or at the top of a section.",
        tags,
        params: PlanParams,
        body: CreateItemBody,
        response: { 201: ItemResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await createItem(
        deps(),
        requireActor(request),
        request.params.id,
        request.body,
        request.auditContext(),
      );
      return reply.code(201).send(result);
    },
  );

  app.patch(
    "/plans/:id/items/:itemId",
    {
      schema: {
        operationId: "updatePlanItem",
        summary:
          "Edit an item, change its status, add a dated progress note with evidence (send the version you loaded).",
        tags,
        params: ItemParams,
        body: UpdateItemBody,
        response: { 200: ItemResult, ...errorResponses },
      },
    },
    async (request) =>
      updateItem(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.itemId,
        request.body,
        request.auditContext(),
      ),
  );

  app.post(
    "/plans/:id/items/:itemId/move",
    {
      schema: {
        operationId: "movePlanItem",
        summary: "Move an item to another position or parent; numbering follows.",
        tags,
        params: ItemParams,
        body: MoveItemBody,
        response: { 200: PlanDocument, ...errorResponses },
      },
    },
    async (request) =>
      moveItem(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.itemId,
        request.body,
        request.auditContext(),
      ),
  );

  app.delete(
    "/plans/:id/items/:itemId",
    {
      schema: {
        operationId: "deletePlanItem",
        summary: "Remove an item and everything under it (can be undone from the history).",
        tags,
        params: ItemParams,
        querystring: VersionQuery,
        response: { 200: PlanDocument, ...errorResponses },
      },
    },
    async (request) =>
      deleteItem(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.itemId,
        request.query.version,
        request.auditContext(),
      ),
  );

  app.get(
    "/plans/:id/items/:itemId/notes",
    {
      schema: {
        operationId: "listProgressNotes",
        summary: "Progress notes and status changes of an item, newest first.",
        tags,
        params: ItemParams,
        response: { 200: NoteList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await listNotes(deps(), requireActor(request), request.params.id, request.params.itemId),
    }),
  );

  app.get(
    "/plans/:id/history",
    {
      schema: {
        operationId: "listPlanChanges",
        summary: "Every change to the plan (who, when, before and after), newest first.",
        tags,
        params: PlanParams,
        response: { 200: ChangeList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listChanges(deps(), requireActor(request), request.params.id) }),
  );

  app.post(
    "/plans/:id/history/:changeId/undo",
    {
      schema: {
        operationId: "undoPlanChange",
        summary: "Undo one change, if what it changed has not changed again since (409 otherwise).",
        tags,
        params: ChangeParams,
        response: { 200: PlanDocument, ...errorResponses },
      },
    },
    async (request) =>
      undoChange(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.changeId,
        request.auditContext(),
      ),
  );

  app.get(
    "/plans/:id/shares",
    {
      schema: {
        operationId: "listPlanShares",
        summary: "Partner organizations the plan is shared with, and as what.",
        tags,
        params: PlanParams,
        response: { 200: ShareList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listShares(deps(), requireActor(request), request.params.id) }),
  );

  app.put(
    "/plans/:id/shares/:organizationId",
    {
      schema: {
        operationId: "sharePlan",
        summary: "Share the plan with a partner organization as editor, contributor or viewer (owners only).",
        tags,
        params: ShareParams,
        body: ShareBody,
        response: { 200: ShareList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await sharePlan(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.organizationId,
        request.body.role,
        request.auditContext(),
      ),
    }),
  );

  app.delete(
    "/plans/:id/shares/:organizationId",
    {
      schema: {
        operationId: "unsharePlan",
        summary: "Stop sharing the plan with a partner organization.",
        tags,
        params: ShareParams,
        response: { 200: ShareList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await sharePlan(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.organizationId,
        null,
        request.auditContext(),
      ),
    }),
  );

  app.get(
    "/plans/:id/assignees",
    {
      schema: {
        operationId: "listPlanAssignees",
        summary: "People and organizations an item of this plan can be assigned to.",
        tags,
        params: PlanParams,
        response: {
          200: Type.Object({
            people: Type.Array(
              Type.Object({
                userId: Type.String(),
                name: Type.String(),
                organizationId: Type.String(),
                organizationName: Type.String(),
              }),
            ),
            organizations: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => listAssignees(deps(), requireActor(request), request.params.id),
  );

  app.get(
    "/my/action-steps",
    {
      schema: {
        operationId: "listMyActionSteps",
        summary:
          "Action steps assigned to me (scope=organizations: also to my organizations), soonest due first.",
        tags,
        querystring: TrackedItemsQuery,
        response: { 200: Type.Object({ items: Type.Array(TrackedItem) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const q = request.query;
      return {
        items: await listMyActionSteps(app.database.db, actor, {
          scope: q.scope ?? "me",
          state: q.state ?? "open",
          today: todayIn(app.config.timeZone),
          limit: q.limit ?? 200,
        }),
      };
    },
  );

  app.get(
    "/plans-due",
    {
      schema: {
        operationId: "listDueActionSteps",
        summary:
          "Overdue (state=overdue) or due-in-30-days (state=due_soon) items of the active organization's plans.",
        tags,
        querystring: TrackedItemsQuery,
        response: { 200: Type.Object({ items: Type.Array(TrackedItem) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!actor.activeOrganizationId)
        throw new AppError("organization.not_member", "Choose an organization first.");
      return {
        items: await listTrackedItems(app.database.db, {
          ownerOrganizationIds: [actor.activeOrganizationId],
          state: request.query.state ?? "overdue",
          today: todayIn(app.config.timeZone),
          limit: request.query.limit ?? 200,
        }),
      };
    },
  );
};
