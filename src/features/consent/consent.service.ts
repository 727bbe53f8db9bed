/**
 * Consents a family gives to share its information: recorded, listed and revoked by the organization that
 * serves the family; the signed form kept with the consent. Every read and change is audited against the
 * family's organization with metadata.familyId (docs/consent.md, "Audit conventions").
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import { consentDocuments, consents, familyMembers, familyProgramRecords } from "../../db/schema/index.ts";
import { type Actor, authorize } from "../../server/authorization.ts";
import { AccessDeniedError, AppError } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { requireFamily } from "../families/families.access.ts";
import { staleVersion } from "../plans/plans.service.ts";
import {
  type ConsentRow,
  findConsentOwner,
  loadConsents,
  loadProgramRecords,
  loadSignedForm,
  loadSignedFormInfo,
  organizationNames,
  userNames,
} from "./consent.repository.ts";
import { consentInputProblems, consentState, signedFormMatches } from "./consent.rules.ts";
import type { ConsentDocument, CreateConsentInput, ProgramRecord } from "./consent.schema.ts";

export interface ConsentDeps {
  db: Db;
  today: () => string;
}

const MAX_SIGNED_FORM_BYTES = 3 * 1024 * 1024;

async function presentConsents(db: DbOrTx, rows: ConsentRow[], today: string): Promise<ConsentDocument[]> {
  if (rows.length === 0) return [];
  const organizationId = (rows[0] as ConsentRow).organizationId;
  const [orgs, names, forms] = await Promise.all([
    organizationNames(db, [organizationId, ...rows.flatMap((r) => r.receivingOrganizationIds)]),
    userNames(
      db,
      rows.flatMap((r) => [r.recordedBy, r.revokedBy]),
    ),
    loadSignedFormInfo(
      db,
      organizationId,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((row) => {
    const form = forms.find((f) => f.consentId === row.id);
    return {
      id: row.id,
      version: row.version,
      familyId: row.familyId,
      organization: { id: row.organizationId, name: orgs.get(row.organizationId) ?? "" },
      memberId: row.memberId,
      givenByName: row.givenByName,
      receivingOrganizations: row.receivingOrganizationIds.map((id) => ({ id, name: orgs.get(id) ?? "" })),
      categories: row.categories,
      purposes: row.purposes,
      effectiveOn: row.effectiveOn,
      expiresOn: row.expiresOn,
      method: row.method,
      typedSignature: row.typedSignature,
      signedOn: row.signedOn,
      witnessName: row.witnessName,
      notes: row.notes,
      signedForm: form
        ? {
            fileName: form.fileName,
            contentType: form.contentType,
            sizeBytes: form.sizeBytes,
            uploadedAt: form.uploadedAt.toISOString(),
          }
        : null,
      recordedByName: row.recordedBy ? (names.get(row.recordedBy) ?? null) : null,
      recordedAt: row.recordedAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
      revokedByName: row.revokedBy ? (names.get(row.revokedBy) ?? null) : null,
      revocationReason: row.revocationReason,
      state: consentState(row, today),
    };
  });
}

export async function listConsents(deps: ConsentDeps, actor: Actor, familyId: string, audit: AuditContext) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.read");
  authorize(actor, "consent.read", { type: "consent", organizationId: scope.organizationId });
  const rows = await loadConsents(deps.db, scope.organizationId, [familyId]);
  await recordAudit(deps.db, audit, {
    action: "consent.list",
    outcome: "success",
    resourceType: "family",
    resourceId: familyId,
    organizationId: scope.organizationId,
    metadata: { results: rows.length },
  });
  return presentConsents(deps.db, rows, deps.today());
}

function decodeSignedForm(input: NonNullable<CreateConsentInput["signedForm"]>): Buffer {
  const bytes = Buffer.from(input.dataBase64.replace(/\s+/g, ""), "base64");
  if (bytes.length === 0 || bytes.length > MAX_SIGNED_FORM_BYTES) {
    throw new AppError("consent.invalid", "The signed form must be a file of at most 3 MB.", [
      {
        field: "/body/signedForm/dataBase64",
        message: `decoded size ${bytes.length} bytes; the limit is 3 MB`,
      },
    ]);
  }
  if (!signedFormMatches(input.contentType, bytes)) {
    throw new AppError("consent.invalid", `The signed form is not a ${input.contentType} file.`, [
      { field: "/body/signedForm/contentType", message: "the file's content does not match its type" },
    ]);
  }
  return bytes;
}

export async function createConsent(
  deps: ConsentDeps,
  actor: Actor,
  familyId: string,
  input: CreateConsentInput,
  audit: AuditContext,
): Promise<ConsentDocument> {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  authorize(actor, "consent.manage", { type: "consent", organizationId: scope.organizationId });
  const today = deps.today();
  const problems = consentInputProblems({ ...input, hasSignedForm: input.signedForm !== undefined, today });
  if (input.method !== "signed_form" && input.signedForm) {
    problems.push({
      field: "/body/signedForm",
      message: "A signed form goes only with the signed_form method.",
    });
  }
  if (input.receivingOrganizationIds.includes(scope.organizationId)) {
    problems.push({
      field: "/body/receivingOrganizationIds",
      message: "Your own organization needs no consent to read the family's record.",
    });
  }
  const known = await organizationNames(deps.db, input.receivingOrganizationIds);
  const unknown = input.receivingOrganizationIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    problems.push({
      field: "/body/receivingOrganizationIds",
      message: `Unknown organization(s): ${unknown.join(", ")}`,
    });
  }
  if (problems.length > 0)
    throw new AppError("consent.invalid", problems.map((p) => p.message).join(" "), problems);
  const formBytes = input.signedForm ? decodeSignedForm(input.signedForm) : null;

  const created = await deps.db.transaction(async (tx) => {
    if (input.memberId) {
      const [member] = await tx
        .select({ id: familyMembers.id })
        .from(familyMembers)
        .where(
          and(
            eq(familyMembers.organizationId, scope.organizationId),
            eq(familyMembers.familyId, familyId),
            eq(familyMembers.id, input.memberId),
          ),
        );
      if (!member) {
        throw new AppError(
          "consent.invalid",
          "The person giving consent is not a member of this household.",
          [{ field: "/body/memberId", message: "not a member of this family" }],
        );
      }
    }
    const [row] = await tx
      .insert(consents)
      .values({
        organizationId: scope.organizationId,
        familyId,
        memberId: input.memberId ?? null,
        givenByName: input.givenByName.trim(),
        receivingOrganizationIds: input.receivingOrganizationIds,
        categories: input.categories,
        purposes: input.purposes,
        effectiveOn: input.effectiveOn,
        expiresOn: input.expiresOn ?? null,
        method: input.method,
        typedSignature: input.method === "typed_signature" ? (input.typedSignature ?? null) : null,
        signedOn: input.method === "typed_signature" ? (input.signedOn ?? null) : (input.signedOn ?? null),
        witnessName: input.method === "verbal" ? (input.witnessName ?? null) : null,
        notes: input.notes ?? null,
        recordedBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error("consent insert returned nothing");
    if (formBytes && input.signedForm) {
      await tx.insert(consentDocuments).values({
        organizationId: scope.organizationId,
        consentId: row.id,
        fileName: input.signedForm.fileName,
        contentType: input.signedForm.contentType,
        content: formBytes,
        sizeBytes: formBytes.length,
        uploadedBy: actor.userId,
      });
    }
    await recordAudit(tx, audit, {
      action: "consent.create",
      outcome: "success",
      resourceType: "consent",
      resourceId: row.id,
      organizationId: scope.organizationId,
      metadata: {
        familyId,
        receivingOrganizationIds: input.receivingOrganizationIds,
        categories: input.categories,
        purposes: input.purposes,
        effectiveOn: input.effectiveOn,
        expiresOn: input.expiresOn ?? null,
        method: input.method,
      },
    });
    return row;
  });
  const [doc] = await presentConsents(deps.db, [created], today);
  return doc as ConsentDocument;
}

/** Authorizes an action on one consent by its family's organization; unknown ids answer 404. */
export async function requireConsent(
  db: DbOrTx,
  actor: Actor,
  consentId: string,
  action: "consent.read" | "consent.manage",
) {
  const owner = await findConsentOwner(db, consentId);
  if (!owner) {
    throw new AccessDeniedError({
      action,
      resourceType: "consent",
      resourceId: consentId,
      organizationId: null,
      conceal: true,
    });
  }
  authorize(actor, action, { type: "consent", id: consentId, organizationId: owner.organizationId });
  return owner;
}

/** Revocation takes effect at once: the policy reads consents on every request, nothing is cached. */
export async function revokeConsent(
  deps: ConsentDeps,
  actor: Actor,
  consentId: string,
  input: { reason: string; version: number },
  audit: AuditContext,
): Promise<ConsentDocument> {
  const owner = await requireConsent(deps.db, actor, consentId, "consent.manage");
  const revoked = await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(consents)
      .where(and(eq(consents.organizationId, owner.organizationId), eq(consents.id, consentId)))
      .for("update");
    if (!current) throw new AppError("resource.not_found", "Consent not found.");
    if (current.revokedAt) {
      throw new AppError("consent.already_revoked", "This consent was already revoked.", [
        { message: "revoked", revokedAt: current.revokedAt.toISOString() },
      ]);
    }
    if (current.version !== input.version) throw staleVersion("consent", current.version);
    const [row] = await tx
      .update(consents)
      .set({
        revokedAt: new Date(),
        revokedBy: actor.userId,
        revocationReason: input.reason.trim(),
        version: sql`${consents.version} + 1`,
      })
      .where(and(eq(consents.organizationId, owner.organizationId), eq(consents.id, consentId)))
      .returning();
    await recordAudit(tx, audit, {
      action: "consent.revoke",
      outcome: "success",
      resourceType: "consent",
      resourceId: consentId,
      organizationId: owner.organizationId,
      metadata: { familyId: owner.familyId, receivingOrganizationIds: current.receivingOrganizationIds },
    });
    return row as ConsentRow;
  });
  const [doc] = await presentConsents(deps.db, [revoked], deps.today());
  return doc as ConsentDocument;
}

export async function getSignedForm(deps: ConsentDeps, actor: Actor, consentId: string, audit: AuditContext) {
  const owner = await requireConsent(deps.db, actor, consentId, "consent.read");
  const form = await loadSignedForm(deps.db, owner.organizationId, consentId);
  if (!form) throw new AppError("resource.not_found", "This consent has no signed form on file.");
  await recordAudit(deps.db, audit, {
    action: "consent.signed_form.read",
    outcome: "success",
    resourceType: "consent",
    resourceId: consentId,
    organizationId: owner.organizationId,
    metadata: { familyId: owner.familyId },
  });
  return form;
}

function presentProgramRecord(
  row: typeof familyProgramRecords.$inferSelect,
  names: Map<string, string>,
): ProgramRecord {
  return {
    id: row.id,
    kind: row.kind,
    recordedOn: row.recordedOn,
    summary: row.summary,
    recordedByName: row.recordedBy ? (names.get(row.recordedBy) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listProgramRecords(
  deps: ConsentDeps,
  actor: Actor,
  familyId: string,
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.read");
  const rows = await loadProgramRecords(deps.db, scope.organizationId, familyId);
  await recordAudit(deps.db, audit, {
    action: "family.program_records.read",
    outcome: "success",
    resourceType: "family",
    resourceId: familyId,
    organizationId: scope.organizationId,
  });
  const names = await userNames(
    deps.db,
    rows.map((r) => r.recordedBy),
  );
  return rows.map((r) => presentProgramRecord(r, names));
}

export async function createProgramRecord(
  deps: ConsentDeps,
  actor: Actor,
  familyId: string,
  input: { kind: ProgramRecord["kind"]; recordedOn: string; summary: string },
  audit: AuditContext,
) {
  const scope = await requireFamily(deps.db, actor, familyId, "family.edit");
  if (input.recordedOn > deps.today()) {
    throw new AppError("validation.failed", "The record's date cannot be in the future.", [
      { field: "/body/recordedOn", message: "in the future" },
    ]);
  }
  const row = await deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(familyProgramRecords)
      .values({ organizationId: scope.organizationId, familyId, ...input, recordedBy: actor.userId })
      .returning();
    await recordAudit(tx, audit, {
      action: "family.program_record.create",
      outcome: "success",
      resourceType: "family",
      resourceId: familyId,
      organizationId: scope.organizationId,
      metadata: { kind: input.kind },
    });
    return inserted as typeof familyProgramRecords.$inferSelect;
  });
  return presentProgramRecord(row, new Map([[actor.userId, actor.name]]));
}
