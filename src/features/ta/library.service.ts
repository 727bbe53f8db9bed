/**
 * The peer learning library (seed 001: "a peer learning community … sharing information, knowledge and
 * expertise"; seed 000's toolkits). Everyone signed in reads and searches it; staff of any organization share
 * and comment; only staff of the sharer's organization change or remove what it shared. Writes are audited.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { libraryComments, libraryResources, type Sector } from "../../db/schema/index.ts";
import { type Actor, authorize, hasRole } from "../../server/authorization.ts";
import { AppError, notFound } from "../../server/errors.ts";
import { type AuditContext, recordAudit } from "../audit/audit.service.ts";
import { staleVersion } from "../plans/plans.service.ts";
import { LIBRARY_FILE_TYPES, sniffFileType, typeFromFileName } from "./library.files.ts";
import {
  loadComments,
  loadResource,
  loadResourceFile,
  type ResourceRow,
  resourceOwner,
  searchResources,
} from "./library.repository.ts";
import {
  type CreateResourceInput,
  type ListResourcesFilter,
  MAX_FILE_BYTES,
  type ResourceCommentDocument,
  type ResourceDocument,
  type ResourceSummaryDocument,
  type UpdateResourceInput,
} from "./library.schema.ts";

export interface LibraryDeps {
  db: Db;
}

const RESOURCE = "library_resource";

/** Reading needs only a membership somewhere; there is no organization to choose. */
function authorizeRead(actor: Actor) {
  authorize(actor, "library.read", { type: RESOURCE, organizationId: actor.activeOrganizationId });
}

function activeOrganization(actor: Actor, action: "library.share" | "library.comment") {
  const organizationId = actor.activeOrganizationId;
  authorize(actor, action, { type: RESOURCE, organizationId });
  if (!organizationId) throw new AppError("organization.not_member", "Choose an organization first.");
  return organizationId;
}

/** Tags and audiences are compared lower-cased and kept once each. */
const normalizeWords = (values: string[] | undefined) => [
  ...new Set((values ?? []).map((v) => v.trim().toLowerCase()).filter((v) => v !== "")),
];

function presentSummary(actor: Actor, row: ResourceRow): ResourceSummaryDocument {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    description: row.description,
    kind: row.kind,
    url: row.url,
    file:
      row.fileName && row.contentType
        ? { fileName: row.fileName, contentType: row.contentType, sizeBytes: row.sizeBytes ?? 0 }
        : null,
    tags: row.tags,
    sectors: row.sectors,
    audiences: row.audiences,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    sharedByName: row.sharedByName,
    sharedAt: row.sharedAt.toISOString(),
    commentCount: row.commentCount,
    canManage: hasRole(actor, row.organizationId, "staff"),
  };
}

async function readResource(db: Db, actor: Actor, id: string): Promise<ResourceDocument> {
  const row = await loadResource(db, id);
  if (!row) throw notFound("Resource");
  const comments = await loadComments(db, id);
  return {
    ...presentSummary(actor, row),
    comments: comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
  };
}

interface PreparedFile {
  fileName: string;
  contentType: string;
  content: Buffer;
  sizeBytes: number;
}

const rejected = (message: string) =>
  new AppError("library.file_rejected", message, [{ field: "/body/file", message }]);

/** Decodes and checks a shared file: ≤ 5 MB, a kept type by its content, and a name that agrees. */
async function prepareFile(file: { fileName: string; contentBase64: string }): Promise<PreparedFile> {
  const text = file.contentBase64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new AppError("validation.failed", "The file is not valid base64.", [
      { field: "/body/file/contentBase64", message: "is not valid base64" },
    ]);
  }
  const content = Buffer.from(text, "base64");
  if (content.length === 0) throw rejected("The file is empty.");
  if (content.length > MAX_FILE_BYTES) throw rejected("Files are limited to 5 MB; share a link instead.");
  const sniffed = await sniffFileType(content);
  if (!sniffed) throw rejected("Only PDF, Word (.docx), Excel (.xlsx), PNG and JPEG files can be shared.");
  const named = typeFromFileName(file.fileName);
  if (named !== sniffed) {
    throw rejected(
      `The file's content is ${sniffed.toUpperCase()} but its name says otherwise; rename it with ${LIBRARY_FILE_TYPES[sniffed].extensions[0]}.`,
    );
  }
  return {
    fileName: file.fileName.trim(),
    contentType: LIBRARY_FILE_TYPES[sniffed].contentType,
    content,
    sizeBytes: content.length,
  };
}

function oneSource(input: { url?: string | undefined; file?: unknown }) {
  if (input.url !== undefined && input.file !== undefined) {
    throw new AppError("validation.failed", "Share a link or a file, not both.", [
      { field: "/body/file", message: "give either url or file" },
    ]);
  }
}

export async function listResources(
  deps: LibraryDeps,
  actor: Actor,
  filter: ListResourcesFilter,
): Promise<ResourceSummaryDocument[]> {
  authorizeRead(actor);
  return (await searchResources(deps.db, filter)).map((row) => presentSummary(actor, row));
}

export async function getResource(deps: LibraryDeps, actor: Actor, id: string): Promise<ResourceDocument> {
  authorizeRead(actor);
  return readResource(deps.db, actor, id);
}

export async function downloadResource(deps: LibraryDeps, actor: Actor, id: string) {
  authorizeRead(actor);
  const file = await loadResourceFile(deps.db, id);
  if (!file?.content || !file.fileName || !file.contentType) throw notFound("File");
  return { fileName: file.fileName, contentType: file.contentType, content: file.content };
}

export async function createResource(
  deps: LibraryDeps,
  actor: Actor,
  input: CreateResourceInput,
  audit: AuditContext,
): Promise<ResourceDocument> {
  const organizationId = activeOrganization(actor, "library.share");
  oneSource(input);
  if (input.url === undefined && input.file === undefined) {
    throw new AppError("validation.failed", "Share a link or a file.", [
      { field: "/body/url", message: "give either url or file" },
    ]);
  }
  const file = input.file ? await prepareFile(input.file) : null;
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(libraryResources)
      .values({
        organizationId,
        title: input.title.trim(),
        description: input.description?.trim() ?? "",
        kind: input.kind,
        url: input.url ?? null,
        fileName: file?.fileName ?? null,
        contentType: file?.contentType ?? null,
        content: file?.content ?? null,
        sizeBytes: file?.sizeBytes ?? null,
        tags: normalizeWords(input.tags),
        sectors: [...new Set(input.sectors ?? [])] as Sector[],
        audiences: normalizeWords(input.audiences),
        sharedBy: actor.userId,
      })
      .returning({ id: libraryResources.id });
    if (!row) throw new Error("resource not created");
    await recordAudit(tx, audit, {
      action: "library.share",
      outcome: "success",
      resourceType: RESOURCE,
      resourceId: row.id,
      organizationId,
      metadata: {
        kind: input.kind,
        file: file ? { contentType: file.contentType, sizeBytes: file.sizeBytes } : null,
      },
    });
    return row.id;
  });
  return readResource(deps.db, actor, id);
}

/** The owner of a resource, authorized for a change: 404 for an unknown id, 403 (audited) for others. */
async function requireManage(db: Db, actor: Actor, id: string) {
  const owner = await resourceOwner(db, id);
  if (!owner) throw notFound("Resource");
  authorize(actor, "library.manage", { type: RESOURCE, id, organizationId: owner.organizationId });
  return owner.organizationId;
}

export async function updateResource(
  deps: LibraryDeps,
  actor: Actor,
  id: string,
  input: UpdateResourceInput,
  audit: AuditContext,
): Promise<ResourceDocument> {
  const organizationId = await requireManage(deps.db, actor, id);
  oneSource(input);
  const file = input.file ? await prepareFile(input.file) : null;
  const changes: Partial<typeof libraryResources.$inferInsert> = {};
  if (input.title !== undefined) changes.title = input.title.trim();
  if (input.description !== undefined) changes.description = input.description.trim();
  if (input.kind !== undefined) changes.kind = input.kind;
  if (input.tags !== undefined) changes.tags = normalizeWords(input.tags);
  if (input.sectors !== undefined) changes.sectors = [...new Set(input.sectors)] as Sector[];
  if (input.audiences !== undefined) changes.audiences = normalizeWords(input.audiences);
  if (input.url !== undefined) {
    Object.assign(changes, {
      url: input.url,
      fileName: null,
      contentType: null,
      content: null,
      sizeBytes: null,
    });
  }
  if (file) Object.assign(changes, { url: null, ...file });
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(libraryResources)
      .set({ ...changes, version: input.version + 1 })
      .where(and(eq(libraryResources.id, id), eq(libraryResources.version, input.version)))
      .returning({ id: libraryResources.id });
    if (!row) {
      const [current] = await tx
        .select({ version: libraryResources.version })
        .from(libraryResources)
        .where(eq(libraryResources.id, id));
      throw staleVersion("resource", current?.version ?? 0);
    }
    await recordAudit(tx, audit, {
      action: "library.manage",
      outcome: "success",
      resourceType: RESOURCE,
      resourceId: id,
      organizationId,
      metadata: { change: "update", fields: Object.keys(changes).filter((k) => k !== "content") },
    });
  });
  return readResource(deps.db, actor, id);
}

export async function deleteResource(
  deps: LibraryDeps,
  actor: Actor,
  id: string,
  version: number,
  audit: AuditContext,
): Promise<void> {
  const organizationId = await requireManage(deps.db, actor, id);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(libraryResources)
      .where(and(eq(libraryResources.id, id), eq(libraryResources.version, version)))
      .returning({ id: libraryResources.id, title: libraryResources.title });
    if (!row) {
      const [current] = await tx
        .select({ version: libraryResources.version })
        .from(libraryResources)
        .where(eq(libraryResources.id, id));
      throw staleVersion("resource", current?.version ?? 0);
    }
    await recordAudit(tx, audit, {
      action: "library.manage",
      outcome: "success",
      resourceType: RESOURCE,
      resourceId: id,
      organizationId,
      metadata: { change: "delete", title: row.title },
    });
  });
}

export async function addResourceComment(
  deps: LibraryDeps,
  actor: Actor,
  resourceId: string,
  body: string,
  audit: AuditContext,
): Promise<ResourceCommentDocument> {
  const organizationId = activeOrganization(actor, "library.comment");
  if (!(await resourceOwner(deps.db, resourceId))) throw notFound("Resource");
  const id = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(libraryComments)
      .values({ resourceId, userId: actor.userId, organizationId, body: body.trim() })
      .returning({ id: libraryComments.id });
    if (!row) throw new Error("comment not created");
    await recordAudit(tx, audit, {
      action: "library.comment",
      outcome: "success",
      resourceType: RESOURCE,
      resourceId,
      organizationId,
      metadata: { commentId: row.id },
    });
    return row.id;
  });
  const comment = (await loadComments(deps.db, resourceId)).find((c) => c.id === id);
  if (!comment) throw notFound("Comment");
  return { ...comment, createdAt: comment.createdAt.toISOString() };
}
