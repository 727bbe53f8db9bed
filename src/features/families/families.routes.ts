import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { todayIn } from "../../server/config.ts";
import { errorResponses } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { fileNameFor } from "../plans/plan-exports.routes.ts";
import {
  approveServicePlan,
  closeCase,
  createAssessment,
  createServicePlan,
  logContact,
  reopenCase,
  setIntensity,
} from "./case.service.ts";
import type { FamiliesDeps } from "./families.access.ts";
import { INSTRUMENTS } from "./families.instruments.ts";
import { CONTACT_EVERY_DAYS } from "./families.rules.ts";
import {
  AddMemberBody,
  Caseload,
  CaseloadQuery,
  CloseCaseBody,
  CreateAssessmentBody,
  CreateFamilyBody,
  CreateServicePlanBody,
  FamilyDocument,
  FamilyParams,
  FamilySettingsBody,
  FamilySummary,
  InstrumentList,
  ListFamiliesQuery,
  LogContactBody,
  MemberParams,
  MergeFamilyBody,
  PlanRevisionParams,
  RemoveMemberQuery,
  ReopenCaseBody,
  ServicePlanPdfQuery,
  SetIntensityBody,
  UpdateFamilyBody,
  UpdateMemberBody,
} from "./families.schema.ts";
import {
  addFamilyMember,
  createFamily,
  getCaseload,
  getFamily,
  getFamilySettings,
  listFamilies,
  mergeFamilies,
  removeFamilyMember,
  updateFamily,
  updateFamilyMember,
  updateFamilySettings,
} from "./families.service.ts";
import { renderServicePlanPdf } from "./service-plan.pdf.ts";

const tags = ["families"];
const FamilySettings = Type.Object({ requirePlanApproval: Type.Boolean(), canManage: Type.Boolean() });

export const familiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): FamiliesDeps => ({
    db: app.database.db,
    today: () => todayIn(app.config.timeZone),
    timeZone: app.config.timeZone,
  });

  app.get(
    "/assessment-instruments",
    {
      schema: {
        operationId: "listAssessmentInstruments",
        summary:
          "Assessment instruments (domains, scale, anchors in English and Spanish, crisis kinds) and contact frequencies.",
        tags,
        response: { 200: InstrumentList, ...errorResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return {
        items: INSTRUMENTS as unknown as Record<string, unknown>[],
        contactEveryDays: CONTACT_EVERY_DAYS,
      };
    },
  );

  app.get(
    "/families",
    {
      schema: {
        operationId: "listFamilies",
        summary: "Families served by the active organization; search by name (`q`), date of birth or phone.",
        tags,
        querystring: ListFamiliesQuery,
        response: { 200: Type.Object({ items: Type.Array(FamilySummary) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await listFamilies(deps(), requireActor(request), request.query, request.auditContext()),
    }),
  );

  app.post(
    "/families",
    {
      schema: {
        operationId: "createFamily",
        summary:
          "Intake: a family and its members. Possible duplicates (same or similar name and date of birth) answer 409 `family.possible_duplicate` listing them, unless `confirmNotDuplicate` is true.",
        tags,
        body: CreateFamilyBody,
        response: { 201: FamilyDocument, ...errorResponses },
      },
    },
    async (request, reply) => {
      const family = await createFamily(deps(), requireActor(request), request.body, request.auditContext());
      return reply.code(201).send(family);
    },
  );

  app.get(
    "/families/:id",
    {
      schema: {
        operationId: "getFamily",
        summary:
          "The family record: household, assessments, intensity, service plan and revisions, contacts, closures.",
        tags,
        params: FamilyParams,
        response: { 200: FamilyDocument, ...errorResponses },
      },
    },
    async (request) => getFamily(deps(), requireActor(request), request.params.id, request.auditContext()),
  );

  app.patch(
    "/families/:id",
    {
      schema: {
        operationId: "updateFamily",
        summary: "Edit the household's details or the case manager (send the version you loaded).",
        tags,
        params: FamilyParams,
        body: UpdateFamilyBody,
        response: { 200: FamilyDocument, ...errorResponses },
      },
    },
    async (request) =>
      updateFamily(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.post(
    "/families/:id/members",
    {
      schema: {
        operationId: "addFamilyMember",
        summary:
          "Add a household member after intake (a newborn, someone who moved in); send the family's version.",
        tags,
        params: FamilyParams,
        body: AddMemberBody,
        response: { 201: FamilyDocument, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addFamilyMember(
            deps(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );

  app.patch(
    "/families/:id/members/:memberId",
    {
      schema: {
        operationId: "updateFamilyMember",
        summary:
          "Correct a household member (name, date of birth, relationship, language, phone); send the family's version.",
        tags,
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: FamilyDocument, ...errorResponses },
      },
    },
    async (request) =>
      updateFamilyMember(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.memberId,
        request.body,
        request.auditContext(),
      ),
  );

  app.delete(
    "/families/:id/members/:memberId",
    {
      schema: {
        operationId: "removeFamilyMember",
        summary:
          "Remove a member who left the household (`?version=` the family's version); the last member cannot be removed.",
        tags,
        params: MemberParams,
        querystring: RemoveMemberQuery,
        response: { 200: FamilyDocument, ...errorResponses },
      },
    },
    async (request) =>
      removeFamilyMember(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.memberId,
        request.query.version,
        request.auditContext(),
      ),
  );

  app.post(
    "/families/:id/merge",
    {
      schema: {
        operationId: "mergeFamilies",
        summary: "Merge a duplicate family record into this one; the duplicate's history moves here.",
        tags,
        params: FamilyParams,
        body: MergeFamilyBody,
        response: { 200: FamilyDocument, ...errorResponses },
      },
    },
    async (request) =>
      mergeFamilies(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.post(
    "/families/:id/assessments",
    {
      schema: {
        operationId: "createAssessment",
        summary:
          "Step 1: record an assessment of strengths and needs with the crisis screen; answers the suggested intensity.",
        tags,
        params: FamilyParams,
        body: CreateAssessmentBody,
        response: { 201: FamilyDocument, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createAssessment(
            deps(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );

  app.put(
    "/families/:id/intensity",
    {
      schema: {
        operationId: "setIntensity",
        summary: "The case manager's decision: standard or intensive case management, and why.",
        tags,
        params: FamilyParams,
        body: SetIntensityBody,
        response: { 200: FamilyDocument, ...errorResponses },
      },
    },
    async (request) =>
      setIntensity(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.post(
    "/families/:id/service-plans",
    {
      schema: {
        operationId: "createServicePlan",
        summary:
          "Step 2: a new revision of the service plan (goals in the family's words, steps, services, disengagement plan). Send the revision you revised.",
        tags,
        params: FamilyParams,
        body: CreateServicePlanBody,
        response: { 201: FamilyDocument, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await createServicePlan(
            deps(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );

  app.post(
    "/families/:id/service-plans/:revision/approval",
    {
      schema: {
        operationId: "approveServicePlan",
        summary:
          "A supervisor approves a plan revision waiting for approval; it replaces the plan in effect.",
        tags,
        params: PlanRevisionParams,
        response: { 200: FamilyDocument, ...errorResponses },
      },
    },
    async (request) =>
      approveServicePlan(
        deps(),
        requireActor(request),
        request.params.id,
        request.params.revision,
        request.auditContext(),
      ),
  );

  app.get(
    "/families/:id/service-plan.pdf",
    {
      schema: {
        operationId: "exportServicePlan",
        summary:
          "The service plan as a PDF for the family, in English or Spanish (default: the family's language).",
        tags,
        params: FamilyParams,
        querystring: ServicePlanPdfQuery,
        response: { 200: Type.String({ description: "the PDF" }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const d = deps();
      const family = await getFamily(d, actor, request.params.id, request.auditContext());
      const locale = request.query.locale ?? (family.preferredLanguage.startsWith("es") ? "es" : "en");
      const body = await renderServicePlanPdf(family, locale, d.today());
      await recordAudit(app.database.db, request.auditContext(), {
        action: "family.service_plan.export",
        outcome: "success",
        resourceType: "family",
        resourceId: family.id,
        organizationId: family.organizationId,
        metadata: { locale, revision: family.servicePlan?.revision ?? null },
      });
      return reply
        .type("application/pdf")
        .header(
          "content-disposition",
          `attachment; filename="${fileNameFor(`service-plan-${family.displayName}`, "pdf", `-${locale}`)}"`,
        )
        .serializer((payload: unknown) => payload as string)
        .send(body);
    },
  );

  app.post(
    "/families/:id/contacts",
    {
      schema: {
        operationId: "logContact",
        summary:
          "Step 4: log a contact (date, kind, duration, notes) and whether each service is appropriate and helpful.",
        tags,
        params: FamilyParams,
        body: LogContactBody,
        response: { 201: FamilyDocument, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await logContact(
            deps(),
            requireActor(request),
            request.params.id,
            request.body,
            request.auditContext(),
          ),
        ),
  );

  app.post(
    "/families/:id/closure",
    {
      schema: {
        operationId: "closeCase",
        summary:
          "Step 5: close the case with reason, goals met, maintenance plan, anticipated needs and where to seek help.",
        tags,
        params: FamilyParams,
        body: CloseCaseBody,
        response: { 200: FamilyDocument, ...errorResponses },
      },
    },
    async (request) =>
      closeCase(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.post(
    "/families/:id/reopening",
    {
      schema: {
        operationId: "reopenCase",
        summary: "Reopen a closed case, with the reason; the closure stays in the history.",
        tags,
        params: FamilyParams,
        body: ReopenCaseBody,
        response: { 200: FamilyDocument, ...errorResponses },
      },
    },
    async (request) =>
      reopenCase(deps(), requireActor(request), request.params.id, request.body, request.auditContext()),
  );

  app.get(
    "/caseload",
    {
      schema: {
        operationId: "getCaseload",
        summary:
          "My caseload (`view=mine`: open families, next actions, contacts overdue, reassessments due, crises) or, for supervisors, every worker's (`view=supervisor`).",
        tags,
        querystring: CaseloadQuery,
        response: { 200: Caseload, ...errorResponses },
      },
    },
    async (request) =>
      getCaseload(deps(), requireActor(request), request.query.view ?? "mine", request.auditContext()),
  );

  app.get(
    "/family-settings",
    {
      schema: {
        operationId: "getFamilySettings",
        summary: "The active organization's case-management settings.",
        tags,
        response: { 200: FamilySettings, ...errorResponses },
      },
    },
    async (request) => getFamilySettings(deps(), requireActor(request)),
  );

  app.put(
    "/family-settings",
    {
      schema: {
        operationId: "updateFamilySettings",
        summary: "Turn supervisor approval of service plans on or off (managers).",
        tags,
        body: FamilySettingsBody,
        response: { 200: FamilySettings, ...errorResponses },
      },
    },
    async (request) =>
      updateFamilySettings(deps(), requireActor(request), request.body, request.auditContext()),
  );
};
