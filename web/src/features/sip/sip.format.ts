import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../app/api.ts";
import type { Me } from "../../app/types.ts";
import { errorMessage } from "../../ui/errors.ts";

/** Codes of the SIP API that the shared catalogue does not know; everything else goes to errorMessage. */
const SIP_ERROR_CODES: Record<string, string> = {
  "workflow.checks_failing": "sip.errors.checksFailing",
  "workflow.transition_invalid": "sip.errors.transitionInvalid",
  "public.comments_closed": "sip.errors.commentsClosed",
};

export function sipErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = SIP_ERROR_CODES[error.code];
    if (key) return t(key as "sip.errors.checksFailing");
  }
  return errorMessage(t, error);
}

export function useSipErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown) => sipErrorMessage(t, error);
}

/** State reviewers read and review submitted SIPs of every county. */
export function isStateReviewer(me: Me): boolean {
  return me.memberships.some((m) => m.capabilities.includes("state_reviewer"));
}

/** "2026-11-23T10:00:00Z" → the date in the page language. */
export function useTimestampFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === "es" ? "es" : "en";
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (value: string) => format.format(new Date(value));
}

/** A number as the page language writes it, with up to two decimals. */
export function useNumberFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === "es" ? "es" : "en";
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (value: number) => format.format(value);
}
