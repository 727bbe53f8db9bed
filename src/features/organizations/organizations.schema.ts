import { Type } from "typebox";
import { JURISDICTION_KINDS, ORGANIZATION_TYPES } from "../../db/schema/index.ts";
import { Email, Password, Uuid } from "../../server/schema.ts";
import { Capability, Role } from "../accounts/accounts.schema.ts";

export const OrganizationType = Type.Enum(ORGANIZATION_TYPES);
export const JurisdictionKind = Type.Enum(JURISDICTION_KINDS);

export const Organization = Type.Object({
  id: Uuid,
  name: Type.String(),
  type: OrganizationType,
  jurisdiction: Type.Object({ kind: JurisdictionKind, name: Type.String() }),
  isMember: Type.Boolean(),
});
export const OrganizationList = Type.Object({ items: Type.Array(Organization) });

export const Member = Type.Object({
  userId: Uuid,
  name: Type.String(),
  email: Type.String(),
  role: Role,
  title: Type.Union([Type.String(), Type.Null()]),
  capabilities: Type.Array(Capability),
});
export const MemberList = Type.Object({ items: Type.Array(Member) });

export const InvitationBody = Type.Object({ email: Email, role: Role }, { additionalProperties: false });
export const InvitationCreated = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: Role,
  expiresAt: Type.String({ format: "date-time" }),
  link: Type.String(),
});
export const InvitationView = Type.Object({
  organizationName: Type.String(),
  email: Type.String(),
  role: Role,
});
export const TokenParams = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false },
);
/** A new account gives its name and password; someone already signed in as the invited e-mail sends {}. */
export const AcceptInvitationBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), password: Type.Optional(Password) },
  { additionalProperties: false },
);

export const OutboxList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      to: Type.String(),
      subject: Type.String(),
      body: Type.String(),
      createdAt: Type.String({ format: "date-time" }),
      sentAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
    }),
  ),
});

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  createdAt: Type.String({ format: "date-time" }),
  lastUsedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
export const ApiTokenList = Type.Object({ items: Type.Array(ApiToken) });
export const ApiTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);
export const ApiTokenCreated = Type.Object({ id: Uuid, name: Type.String(), token: Type.String() });
export const ApiTokenParams = Type.Object({ id: Uuid, tokenId: Uuid }, { additionalProperties: false });
