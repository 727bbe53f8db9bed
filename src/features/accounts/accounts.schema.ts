import { Type } from "typebox";
import { CAPABILITIES, ROLES } from "../../db/schema/index.ts";
import { Email, Locale, Password, Uuid } from "../../server/schema.ts";

export const Role = Type.Enum(ROLES);
export const Capability = Type.Enum(CAPABILITIES);

export const Me = Type.Object({
  user: Type.Object({ id: Uuid, email: Type.String(), name: Type.String(), locale: Locale }),
  memberships: Type.Array(
    Type.Object({
      organizationId: Uuid,
      organizationName: Type.String(),
      organizationType: Type.String(),
      role: Role,
      capabilities: Type.Array(Capability),
    }),
  ),
  activeOrganizationId: Type.Union([Uuid, Type.Null()]),
  csrfToken: Type.String(),
});

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export const ActiveOrganizationBody = Type.Object({ organizationId: Uuid }, { additionalProperties: false });
export const LocaleBody = Type.Object({ locale: Locale }, { additionalProperties: false });
export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);
export const PasswordResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
export const PasswordResetConfirmBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), newPassword: Password },
  { additionalProperties: false },
);
