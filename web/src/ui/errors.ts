import type { TFunction } from "i18next";
import { ApiError } from "../app/api.ts";

/** The translated sentence for an error; unknown codes fall back to a generic message, never to raw server text. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    // Dynamic key: the code comes from the server, so it is checked at run time.
    const translated = t(key as "errors.generic", { defaultValue: "" });
    if (translated) return translated;
    if (error.status >= 500) return t("errors.server");
  }
  return t("errors.generic");
}

/** Validation details keyed by the last part of their field path ("/body/email" → "email"). */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  for (const detail of error.details) {
    if (!detail.field) continue;
    const name = detail.field.split(/[/.]/).filter(Boolean).pop();
    if (name && !(name in result)) result[name] = detail.message;
  }
  return result;
}
