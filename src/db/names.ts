/** Display names by id, for presenters across features (one query each, ids deduplicated). */
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "./client.ts";
import { organizations, users } from "./schema/index.ts";

function distinct(ids: (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

export async function organizationNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = distinct(ids);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function userNames(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = distinct(ids);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
