/**
 * Privacy documents (issue 7, docs/consent.md): who saw a family's record, everything held on the family,
 * a consent as a printable PDF, and the blank consent form for a pair of organizations.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import { todayIn } from "../../server/config.ts";
import { errorResponses } from "../../server/schema.ts";
import { requireActor } from "../accounts/accounts.routes.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { ConsentParams } from "../consent/consent.schema.ts";
import { FamilyParams } from "../families/families.schema.ts";
import { fileNameFor } from "../plans/plan-exports.routes.ts";
import { renderAccessReportPdf } from "./access-report.pdf.ts";
import { AccessReport } from "./access-report.ts";
import { renderBlankConsentFormPdf, renderConsentPdf } from "./consent-form.pdf.ts";
import { loadBlankConsentForm, loadFilledConsent, requireConsentOwner } from "./consent-form.ts";
import { renderFamilyRecordPdf } from "./family-record.pdf.ts";
import { FamilyRecord } from "./family-record.schema.ts";
import {
  ConsentFormQuery,
  ConsentPdfQuery,
  FamilyDocumentQuery,
  familyLocale,
  PdfBody,
} from "./privacy-documents.schema.ts";
import {
  auditFamilyDocument,
  buildAccessReport,
  buildFamilyRecord,
  type PrivacyDocumentsDeps,
} from "./privacy-documents.service.ts";

const tags = ["privacy"];

/** A JSON document, or the same as a PDF (`?format=pdf`). */
const jsonOrPdf = <T>(schema: T) => ({
  description: "The document as JSON, or as a PDF with `format=pdf`.",
  content: { "application/json": { schema }, "application/pdf": { schema: PdfBody } },
});

/** A PDF (errors are JSON). */
const pdfOnly = { description: "the PDF", content: { "application/pdf": { schema: PdfBody } } };

function sendPdf(reply: FastifyReply, body: Buffer, fileName: string) {
  return reply
    .type("application/pdf")
    .header("content-disposition", `attachment; filename="${fileName}"`)
    .serializer((payload: unknown) => payload as string)
    .send(body);
}

export const privacyDocumentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = (): PrivacyDocumentsDeps => ({
    db: app.database.db,
    today: () => todayIn(app.config.timeZone),
  });
  const timeZone = () => app.config.timeZone;

  app.get(
    "/families/:id/access-report",
    {
      schema: {
        operationId: "getFamilyAccessReport",
        summary:
          "Who saw this family's record: reads, exports, other organizations' shared reads (consent or break-glass), refused attempts and changes, newest first. JSON or a PDF to give the family, in English or Spanish.",
        tags,
        params: FamilyParams,
        querystring: FamilyDocumentQuery,
        response: { 200: jsonOrPdf(AccessReport), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const format = request.query.format ?? "json";
      const { report, organizationId } = await buildAccessReport(
        deps(),
        actor,
        request.params.id,
        request.query.locale,
      );
      const pdf = format === "pdf" ? await renderAccessReportPdf(report, timeZone()) : null;
      await auditFamilyDocument(app.database.db, request.auditContext(), {
        action: "family.access_report",
        familyId: report.familyId,
        organizationId,
        metadata: { format, locale: report.locale, entries: report.entries.length },
      });
      if (!pdf) return reply.send(report);
      const name = report.locale === "es" ? "quien-vio" : "access-report";
      return sendPdf(reply, pdf, fileNameFor(`${name}-${report.familyName}`, "pdf", `-${report.locale}`));
    },
  );

  app.get(
    "/families/:id/record",
    {
      schema: {
        operationId: "exportFamilyRecord",
        summary:
          "Right of access: everything Trellis holds on the family (record, household, assessments, every plan revision, contacts, closures, program records, referrals, consents without the signed file, break-glass accesses, access log), as JSON or a PDF.",
        tags,
        params: FamilyParams,
        querystring: FamilyDocumentQuery,
        response: { 200: jsonOrPdf(FamilyRecord), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const format = request.query.format ?? "json";
      const { record, organizationId } = await buildFamilyRecord(
        deps(),
        actor,
        request.params.id,
        request.query.locale,
      );
      const pdf = format === "pdf" ? await renderFamilyRecordPdf(record, timeZone()) : null;
      await auditFamilyDocument(app.database.db, request.auditContext(), {
        action: "family.record_export",
        familyId: record.familyId,
        organizationId,
        metadata: { format, locale: record.locale },
      });
      const name = record.locale === "es" ? "expediente" : "family-record";
      const fileName = fileNameFor(`${name}-${record.family.displayName}`, format, `-${record.locale}`);
      if (pdf) return sendPdf(reply, pdf, fileName);
      // A download too, so a browser saves the whole record instead of showing it.
      return reply.header("content-disposition", `attachment; filename="${fileName}"`).send(record);
    },
  );

  app.get(
    "/consents/:id/pdf",
    {
      schema: {
        operationId: "getConsentPdf",
        summary:
          "A consent as a printable PDF: the family, who gave it, the organizations, what may be shared and why, the dates, how it was given, its revocation, and the family's right to revoke.",
        tags,
        params: ConsentParams,
        querystring: ConsentPdfQuery,
        response: { 200: pdfOnly, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const d = deps();
      const owner = await requireConsentOwner(d.db, actor, request.params.id);
      const consent = await loadFilledConsent(d.db, owner, request.params.id, d.today());
      const locale = familyLocale(request.query.locale, consent.familyLanguage);
      const pdf = await renderConsentPdf(consent, { locale, timeZone: timeZone() });
      await recordAudit(app.database.db, request.auditContext(), {
        action: "consent.pdf",
        outcome: "success",
        resourceType: "consent",
        resourceId: consent.id,
        organizationId: owner.organizationId,
        metadata: { familyId: consent.familyId, locale },
      });
      const name = locale === "es" ? "consentimiento" : "consent";
      return sendPdf(reply, pdf, fileNameFor(`${name}-${consent.familyName}`, "pdf", `-${locale}`));
    },
  );

  app.get(
    "/consent-form",
    {
      schema: {
        operationId: "getConsentForm",
        summary:
          "A blank consent form (PDF) for a family of the active organization to share with `receivingOrganizationId`: every category and purpose to check, dates, signature and witness lines, and the right to revoke.",
        tags,
        querystring: ConsentFormQuery,
        response: { 200: pdfOnly, ...errorResponses, 422: errorResponses[400] },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const form = await loadBlankConsentForm(app.database.db, actor, request.query.receivingOrganizationId);
      const locale = request.query.locale ?? actor.locale;
      const pdf = await renderBlankConsentFormPdf(form, locale);
      const name = locale === "es" ? "formulario-consentimiento" : "consent-form";
      return sendPdf(
        reply,
        pdf,
        fileNameFor(`${name}-${form.receivingOrganizationName}`, "pdf", `-${locale}`),
      );
    },
  );
};
