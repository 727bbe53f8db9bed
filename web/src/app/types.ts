/** Shapes of the Trellis HTTP API that the web app reads; the server's OpenAPI document is the source. */

export type Locale = "en" | "es";
export type Role = "admin" | "manager" | "staff" | "viewer";
export type Capability = "privacy_officer" | "state_reviewer";

export interface Membership {
  organizationId: string;
  organizationName: string;
  organizationType: string;
  role: Role;
  capabilities: Capability[];
}

export interface Me {
  user: { id: string; email: string; name: string; locale: Locale };
  memberships: Membership[];
  activeOrganizationId: string | null;
  csrfToken: string;
}

export interface ItemList<T> {
  items: T[];
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** Job title within the organization, e.g. "Linkages Coordinator". */
  title: string | null;
  capabilities: Capability[];
}

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  link: string;
}

export interface InvitationPreview {
  organizationName: string;
  email: string;
  role: Role;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  /** Shown once; the server keeps only a hash. */
  token: string;
}

export type AuditOutcome = "success" | "denied" | "failure";

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actorEmail: string | null;
  organizationId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  requestId: string | null;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

export interface ApiErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}
