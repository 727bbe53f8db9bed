/**
 * The partnership registry (issue 8 item 1, docs/ta.md): local collaboratives, their members by sector,
 * documents and level of working together over time. Everyone signed in reads it; only staff of the
 * organization that registered a partnership (its steward) change it. Every change is audited.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client.ts";
import {
  partnershipDocuments,
  partnershipLevels,
  partnershipMembers,
  partnerships,
  type Sector,
} from "../../db/schema/index.ts";
import { type Actor, authorize, can } from "../../server/authorization.ts";
import { AccessDeniedError, AppError, type ErrorDetail } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { staleVersion } from "../plans/plans.service.ts";
import { LIBRARY_FILE_TYPES, sniffFileType } from "./library.files.ts";
import {
  type LevelRow,
  listPartnershipRows,
  loadDocumentFile,
  loadDocuments,
  loadLevels,
  loadMembers,
  loadPartnership,
  type MemberRow,
  organizationExists,
  organizationNames,
  type PartnershipRow,
  touchPartnership,
  userNames,
} from "./partnerships.repository.ts";
import {
  type AddDocumentInput,
  type CreatePartnershipInput,
  MAX_DOCUMENT_BYTES,
  type MemberInputValue,
  type PartnershipDocument,
  type PartnershipSummaryDocument,
  type RecordLevelInput,
  type UpdatePartnershipInput,
} from "./partnerships.schema.ts";

export interface PartnershipsDeps {
  db: Db;
}

const trimOrNull = (value: string | null | undefined) => value?.trim() || null;

function summarize(
  actor: Actor,
  row: PartnershipRow,
  members: MemberRow[],
  levels: LevelRow[],
  stewardName: string,
): PartnershipSummaryDocument {
  const current = members.filter((m) => m.leftOn === null);
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    geographyKind: row.geographyKind,
    geographyName: row.geographyName,
    county: row.county,
    stateCode: row.stateCode,
    stewardOrganizationId: row.stewardOrganizationId,
    stewardOrganizationName: stewardName,
    sectors: [...new Set(current.map((m) => m.sector))].sort() as Sector[],
    memberCount: current.length,
    currentLevel: levels[0]?.level ?? null,
    canManage: can(actor, "partnership.manage", {
      type: "partnership",
      id: row.id,
      organizationId: row.stewardOrganizationId,
    }),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function readPartnership(db: DbOrTx, actor: Actor, row: PartnershipRow): Promise<PartnershipDocument> {
  const [members, levels, documents] = await Promise.all([
    loadMembers(db, [row.id]),
    loadLevels(db, [row.id]),
    loadDocuments(db, row.id),
  ]);
  const [orgs, people] = await Promise.all([
    organizationNames(db, [row.stewardOrganizationId, ...members.map((m) => m.organizationId)]),
    userNames(db, [...documents.map((d) => d.addedBy), ...levels.map((l) => l.recordedBy)]),
  ]);
  return {
    ...summarize(actor, row, members, levels, orgs.get(row.stewardOrganizationId) ?? ""),
    meetingSchedule: row.meetingSchedule,
    description: row.description,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      sector: m.sector,
      organizationId: m.organizationId,
      organizationName: m.organizationId ? (orgs.get(m.organizationId) ?? null) : null,
      role: m.role,
      joinedOn: m.joinedOn,
      leftOn: m.leftOn,
    })),
    documents: documents.map((d) => ({
      id: d.id,
      title: d.title,
      kind: d.kind,
      url: d.url,
      fileName: d.fileName,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes === null ? null : Number(d.sizeBytes),
      addedByName: d.addedBy ? (people.get(d.addedBy) ?? null) : null,
      addedAt: d.addedAt.toISOString(),
    })),
    levels: levels.map((l) => ({
      id: l.id,
      assessedOn: l.assessedOn,
      level: l.level,
      note: l.note,
      recordedByName: l.recordedBy ? (people.get(l.recordedBy) ?? null) : null,
      recordedAt: l.recordedAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
  };
}

function requireSignedIn(actor: Actor, id: string | null) {
  authorize(actor, "partnership.read", {
    type: "partnership",
    id,
    organizationId: actor.activeOrganizationId,
  });
}

/** Loads a partnership and authorizes changing it: staff of the steward, 403 for others, 404 if unknown. */
async function requireManaged(db: DbOrTx, actor: Actor, id: string): Promise<PartnershipRow> {
  const row = await loadPartnership(db, id);
  if (!row) {
    throw new AccessDeniedError({
      action: "partnership.manage",
      resourceType: "partnership",
      resourceId: id,
      organizationId: null,
      conceal: true,
    });
  }
  authorize(actor, "partnership.manage", {
    type: "partnership",
    id,
    organizationId: row.stewardOrganizationId,
  });
  return row;
}

async function checkMemberOrganizations(
  db: DbOrTx,
  members: MemberInputValue[],
  field: (i: number) => string,
) {
  const details: ErrorDetail[] = [];
  for (const [i, m] of members.entries()) {
    if (m.organizationId && !(await organizationExists(db, m.organizationId))) {
      details.push({ field: field(i), message: "no organization with this id" });
    }
  }
  if (details.length)
    throw new AppError("validation.failed", "A member names an unknown organization.", details);
}

function memberValues(partnershipId: string, m: MemberInputValue) {
  return {
    partnershipId,
    name: m.name.trim(),
    sector: m.sector,
    organizationId: m.organizationId ?? null,
    role: trimOrNull(m.role),
    joinedOn: m.joinedOn ?? null,
  };
}

export async function listPartnerships(
  deps: PartnershipsDeps,
  actor: Actor,
  query: { q?: string | undefined; stateCode?: string | undefined; sector?: Sector | undefined },
): Promise<PartnershipSummaryDocument[]> {
  requireSignedIn(actor, null);
  const rows = await listPartnershipRows(deps.db, query);
  const ids = rows.map((r) => r.id);
  const [members, levels, orgs] = await Promise.all([
    loadMembers(deps.db, ids),
    loadLevels(deps.db, ids),
    organizationNames(
      deps.db,
      rows.map((r) => r.stewardOrganizationId),
    ),
  ]);
  return rows.map((row) =>
    summarize(
      actor,
      row,
      members.filter((m) => m.partnershipId === row.id),
      levels.filter((l) => l.partnershipId === row.id),
      orgs.get(row.stewardOrganizationId) ?? "",
    ),
  );
}

export async function getPartnership(deps: PartnershipsDeps, actor: Actor, id: string) {
  requireSignedIn(actor, id);
  const row = await loadPartnership(deps.db, id);
  if (!row) throw new AppError("resource.not_found", "Partnership not found.");
  return readPartnership(deps.db, actor, row);
}

export async function createPartnership(
  deps: PartnershipsDeps,
  actor: Actor,
  input: CreatePartnershipInput,
  audit: AuditContext,
): Promise<PartnershipDocument> {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, "partnership.manage", { type: "partnership", organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  const members = input.members ?? [];
  await checkMemberOrganizations(deps.db, members, (i) => `/body/members/${i}/organizationId`);
  const state =
    input.stateCode ??
    actor.memberships.find((m) => m.organizationId === organizationId)?.organizationState ??
    null;
  const row = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partnerships)
      .values({
        stewardOrganizationId: organizationId,
        name: input.name.trim(),
        geographyKind: input.geographyKind,
        geographyName: input.geographyName.trim(),
        county: trimOrNull(input.county),
        stateCode: state,
        meetingSchedule: trimOrNull(input.meetingSchedule),
        description: trimOrNull(input.description),
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error("partnership insert returned nothing");
    if (members.length)
      await tx.insert(partnershipMembers).values(members.map((m) => memberValues(row.id, m)));
    await recordAudit(tx, audit, {
      action: "partnership.create",
      outcome: "success",
      resourceType: "partnership",
      resourceId: row.id,
      organizationId,
      metadata: { members: members.length },
    });
    return row;
  });
  return readPartnership(deps.db, actor, row);
}

export async function updatePartnership(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
  input: UpdatePartnershipInput,
  audit: AuditContext,
): Promise<PartnershipDocument> {
  const current = await requireManaged(deps.db, actor, id);
  if (current.version !== input.version) throw staleVersion("partnership", current.version);
  const changes: Partial<typeof partnerships.$inferInsert> = {};
  if (input.name !== undefined) changes.name = input.name.trim();
  if (input.geographyKind !== undefined) changes.geographyKind = input.geographyKind;
  if (input.geographyName !== undefined) changes.geographyName = input.geographyName.trim();
  if (input.county !== undefined) changes.county = trimOrNull(input.county);
  if (input.stateCode !== undefined) changes.stateCode = input.stateCode;
  if (input.meetingSchedule !== undefined) changes.meetingSchedule = trimOrNull(input.meetingSchedule);
  if (input.description !== undefined) changes.description = trimOrNull(input.description);
  const row = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(partnerships)
      .set({ ...changes, version: sql`${partnerships.version} + 1`, updatedAt: new Date() })
      .where(and(eq(partnerships.id, id), eq(partnerships.version, input.version)))
      .returning();
    if (!row) throw staleVersion("partnership", current.version + 1);
    await recordAudit(tx, audit, {
      action: "partnership.update",
      outcome: "success",
      resourceType: "partnership",
      resourceId: id,
      organizationId: current.stewardOrganizationId,
      metadata: { fields: Object.keys(changes) },
    });
    return row;
  });
  return readPartnership(deps.db, actor, row);
}

/** Runs a change to a part of a partnership (member, document, level): bumps its version, audits it. */
async function changePart(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
  audit: AuditContext,
  action: string,
  change: (tx: DbOrTx, row: PartnershipRow) => Promise<Record<string, unknown>>,
): Promise<PartnershipDocument> {
  const current = await requireManaged(deps.db, actor, id);
  await deps.db.transaction(async (tx) => {
    const metadata = await change(tx, current);
    if (!(await touchPartnership(tx, id))) throw new AppError("resource.not_found", "Partnership not found.");
    await recordAudit(tx, audit, {
      action,
      outcome: "success",
      resourceType: "partnership",
      resourceId: id,
      organizationId: current.stewardOrganizationId,
      metadata,
    });
  });
  const row = await loadPartnership(deps.db, id);
  if (!row) throw new AppError("resource.not_found", "Partnership not found.");
  return readPartnership(deps.db, actor, row);
}

export async function addPartnershipMember(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
  input: MemberInputValue,
  audit: AuditContext,
) {
  await requireManaged(deps.db, actor, id);
  await checkMemberOrganizations(deps.db, [input], () => "/body/organizationId");
  return changePart(deps, actor, id, audit, "partnership.member.add", async (tx) => {
    const [member] = await tx
      .insert(partnershipMembers)
      .values(memberValues(id, input))
      .returning({ id: partnershipMembers.id });
    return { memberId: member?.id, sector: input.sector };
  });
}

export async function removePartnershipMember(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
  memberId: string,
  audit: AuditContext,
) {
  return changePart(deps, actor, id, audit, "partnership.member.remove", async (tx) => {
    const [gone] = await tx
      .delete(partnershipMembers)
      .where(and(eq(partnershipMembers.partnershipId, id), eq(partnershipMembers.id, memberId)))
      .returning({ id: partnershipMembers.id, name: partnershipMembers.name });
    if (!gone) throw new AppError("resource.not_found", "Member not found.");
    return { memberId, name: gone.name };
  });
}

export async function addPartnershipDocument(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
  input: AddDocumentInput,
  audit: AuditContext,
) {
  await requireManaged(deps.db, actor, id);
  const hasFile = input.contentBase64 !== undefined || input.fileName !== undefined;
  if (input.url !== undefined && hasFile) {
    throw new AppError("validation.failed", "Give a link or a file, not both.", [
      { field: "/body/url", message: "give a link or a file, not both" },
    ]);
  }
  let file: { fileName: string; contentType: string; content: Buffer } | null = null;
  if (input.url === undefined) {
    const missing = (["fileName", "contentType", "contentBase64"] as const).filter((k) => !input[k]);
    if (missing.length) {
      throw new AppError(
        "validation.failed",
        "Give a link (url) or a file (fileName, contentType, contentBase64).",
        missing.map((k) => ({ field: `/body/${k}`, message: "required for a file" })),
      );
    }
    const base64 = (input.contentBase64 as string).replace(/\s+/g, "");
    const content = Buffer.from(base64, "base64");
    if (content.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
      throw new AppError("validation.failed", "The file is not valid base64.", [
        { field: "/body/contentBase64", message: "not base64" },
      ]);
    }
    if (content.length > MAX_DOCUMENT_BYTES) {
      throw new AppError("validation.failed", "Files are limited to 2 MB; link larger ones.", [
        { field: "/body/contentBase64", message: `larger than ${MAX_DOCUMENT_BYTES} bytes` },
      ]);
    }
    file = {
      fileName: (input.fileName as string).trim(),
      contentType: await documentContentType(input.contentType as string, content),
      content,
    };
  }
  return changePart(deps, actor, id, audit, "partnership.document.add", async (tx) => {
    const [doc] = await tx
      .insert(partnershipDocuments)
      .values({
        partnershipId: id,
        title: input.title.trim(),
        kind: input.kind,
        url: input.url ?? null,
        fileName: file?.fileName ?? null,
        contentType: file?.contentType ?? null,
        content: file?.content ?? null,
        addedBy: actor.userId,
      })
      .returning({ id: partnershipDocuments.id });
    return {
      documentId: doc?.id,
      kind: input.kind,
      file: file !== null,
      sizeBytes: file?.content.length ?? null,
    };
  });
}

export async function getPartnershipDocument(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
  documentId: string,
  audit: AuditContext,
) {
  requireSignedIn(actor, id);
  const doc = await loadDocumentFile(deps.db, id, documentId);
  if (!doc?.content) throw new AppError("resource.not_found", "Document file not found.");
  await recordAudit(deps.db, audit, {
    action: "partnership.document.read",
    outcome: "success",
    resourceType: "partnership",
    resourceId: id,
    organizationId: actor.activeOrganizationId,
    metadata: { documentId },
  });
  return {
    fileName: doc.fileName ?? "document",
    contentType: doc.contentType ?? "application/octet-stream",
    content: doc.content,
  };
}

export async function recordPartnershipLevel(
  deps: PartnershipsDeps,
  actor: Actor,
  id: string,
  input: RecordLevelInput,
  audit: AuditContext,
) {
  return changePart(deps, actor, id, audit, "partnership.level.record", async (tx) => {
    await tx.insert(partnershipLevels).values({
      partnershipId: id,
      assessedOn: input.assessedOn,
      level: input.level,
      note: trimOrNull(input.note),
      recordedBy: actor.userId,
    });
    return { assessedOn: input.assessedOn, level: input.level };
  });
}

/**
 * The type a partnership document is stored (and later served) as, judged by its content: PDF, Word, Excel,
 * PNG or JPEG by their first bytes, or plain UTF-8 text (minutes are often typed). Anything else — HTML, SVG,
 * scripts, executables, or content that is not what its declared type says — is refused (415), so a
 * download can never be a page or a script.
 */
async function documentContentType(declared: string, content: Buffer): Promise<string> {
  const sniffed = await sniffFileType(content);
  if (sniffed) return LIBRARY_FILE_TYPES[sniffed].contentType;
  const isText = declared.toLowerCase() === "text/plain";
  if (isText && !content.includes(0)) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(content);
      return "text/plain; charset=utf-8";
    } catch {
      // not UTF-8: refused below
    }
  }
  throw new AppError(
    "request.unsupported_media_type",
    "Only PDF, Word (.docx), Excel (.xlsx), PNG, JPEG or plain text files can be kept; link other documents.",
    [
      {
        field: "/body/contentBase64",
        message: `content is not a file type that is kept (declared ${declared})`,
      },
    ],
  );
}
