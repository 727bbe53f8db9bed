import { Type } from "typebox";

/** The error body every route may answer with. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Array(
        Type.Object(
          { field: Type.Optional(Type.String()), message: Type.String() },
          { additionalProperties: true },
        ),
      ),
    }),
  },
  { $id: "ErrorResponse" },
);

/** Standard error responses to spread into a route's `response` schema. */
export const errorResponses = {
  400: Type.Ref("ErrorResponse"),
  401: Type.Ref("ErrorResponse"),
  403: Type.Ref("ErrorResponse"),
  404: Type.Ref("ErrorResponse"),
  409: Type.Ref("ErrorResponse"),
} as const;

export const Uuid = Type.String({ format: "uuid" });
export const Email = Type.String({ format: "email", maxLength: 254 });
export const Password = Type.String({ minLength: 12, maxLength: 200 });
export const Locale = Type.Enum(["en", "es"]);
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
