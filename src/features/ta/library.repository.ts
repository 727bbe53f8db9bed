/** Queries of the peer learning library (shared with everyone signed in, so no tenant filter on reads). */
import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client.ts";
import { libraryComments, libraryResources, organizations, users } from "../../db/schema/index.ts";
import type { ListResourcesFilter } from "./library.schema.ts";

const { content: _content, ...metaColumns } = getTableColumns(libraryResources);

/** A resource without its bytes, with who shared it. */
const summaryColumns = {
  ...metaColumns,
  organizationName: organizations.name,
  sharedByName: users.name,
  commentCount: sql<number>`(select count(*)::int from library_comments c where c.resource_id = ${libraryResources.id})`,
};

export type ResourceRow = {
  [K in keyof typeof metaColumns]: (typeof libraryResources.$inferSelect)[K];
} & { organizationName: string; sharedByName: string | null; commentCount: number };

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Words of a search: each must appear in the title, description, a tag or an audience (ILIKE: both engines). */
function searchCondition(q: string): SQL | undefined {
  const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((word) => {
      const pattern = `%${escapeLike(word)}%`;
      return sql`(${libraryResources.title} ilike ${pattern} or ${libraryResources.description} ilike ${pattern}
        or array_to_string(${libraryResources.tags}, ' ') ilike ${pattern}
        or array_to_string(${libraryResources.audiences}, ' ') ilike ${pattern})`;
    }),
  );
}

export async function searchResources(db: DbOrTx, filter: ListResourcesFilter): Promise<ResourceRow[]> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.q) conditions.push(searchCondition(filter.q));
  if (filter.tag) conditions.push(sql`${filter.tag.trim().toLowerCase()} = any(${libraryResources.tags})`);
  if (filter.sector) conditions.push(sql`${filter.sector} = any(${libraryResources.sectors})`);
  if (filter.audience) {
    conditions.push(sql`${filter.audience.trim().toLowerCase()} = any(${libraryResources.audiences})`);
  }
  if (filter.kind) conditions.push(eq(libraryResources.kind, filter.kind));
  // Title matches first when searching; otherwise the newest first.
  const order: SQL[] = [];
  if (filter.q?.trim()) {
    const pattern = `%${escapeLike(filter.q.trim())}%`;
    order.push(sql`case when ${libraryResources.title} ilike ${pattern} then 0 else 1 end`);
  }
  order.push(desc(libraryResources.sharedAt), asc(libraryResources.title));
  return db
    .select(summaryColumns)
    .from(libraryResources)
    .innerJoin(organizations, eq(organizations.id, libraryResources.organizationId))
    .leftJoin(users, eq(users.id, libraryResources.sharedBy))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(200);
}

export async function loadResource(db: DbOrTx, id: string): Promise<ResourceRow | undefined> {
  const [row] = await db
    .select(summaryColumns)
    .from(libraryResources)
    .innerJoin(organizations, eq(organizations.id, libraryResources.organizationId))
    .leftJoin(users, eq(users.id, libraryResources.sharedBy))
    .where(eq(libraryResources.id, id));
  return row;
}

export async function loadResourceFile(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      fileName: libraryResources.fileName,
      contentType: libraryResources.contentType,
      content: libraryResources.content,
    })
    .from(libraryResources)
    .where(eq(libraryResources.id, id));
  return row;
}

export async function resourceOwner(db: DbOrTx, id: string): Promise<{ organizationId: string } | undefined> {
  const [row] = await db
    .select({ organizationId: libraryResources.organizationId })
    .from(libraryResources)
    .where(eq(libraryResources.id, id));
  return row;
}

export async function loadComments(db: DbOrTx, resourceId: string) {
  return db
    .select({
      id: libraryComments.id,
      body: libraryComments.body,
      authorName: users.name,
      organizationName: organizations.name,
      createdAt: libraryComments.createdAt,
    })
    .from(libraryComments)
    .leftJoin(users, eq(users.id, libraryComments.userId))
    .leftJoin(organizations, eq(organizations.id, libraryComments.organizationId))
    .where(eq(libraryComments.resourceId, resourceId))
    .orderBy(asc(libraryComments.createdAt), asc(libraryComments.id));
}

export async function organizationName(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [id]));
  return row?.name ?? null;
}
