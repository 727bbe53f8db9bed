import type { AuditOutcome } from "../../db/schema/index.ts";
import { sha256 } from "../../server/tokens.ts";

/** The fields of an audit event that its hash covers, in a fixed order. */
export interface ChainedFields {
  occurredAt: Date;
  actorUserId: string | null;
  actorEmail: string | null;
  organizationId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: AuditOutcome;
  requestId: string | null;
  ip: string | null;
  metadata: Record<string, unknown> | null;
}

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted, so jsonb's reordering of keys does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function chainHash(prevHash: string, fields: ChainedFields): string {
  return sha256(
    canonicalJson([
      prevHash,
      fields.occurredAt.toISOString(),
      fields.actorUserId,
      fields.actorEmail,
      fields.organizationId,
      fields.action,
      fields.resourceType,
      fields.resourceId,
      fields.outcome,
      fields.requestId,
      fields.ip,
      fields.metadata,
    ]),
  );
}
