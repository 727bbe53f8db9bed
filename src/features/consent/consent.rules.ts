/**
 * Pure rules of consent (no I/O): a consent's state on a day, and whether one organization may read one
 * data category of a family for one purpose, with the reason when it may not.
 */
import type { ConsentMethod, ConsentPurpose, DataCategory } from "../../db/schema/consent.ts";

export type ConsentState = "valid" | "not_yet_effective" | "expired" | "revoked";
export type WithheldReason =
  | "no_consent"
  | "purpose_not_covered"
  | "not_yet_effective"
  | "expired"
  | "revoked";

export interface ConsentFacts {
  id: string;
  receivingOrganizationIds: string[];
  categories: DataCategory[];
  purposes: ConsentPurpose[];
  /** ISO dates; expiresOn is the last day the consent holds. */
  effectiveOn: string;
  expiresOn: string | null;
  revokedAt: Date | null;
  recordedAt: Date;
}

/** Revocation takes effect the moment it is recorded; dates are whole days in the deployment's zone. */
export function consentState(consent: ConsentFacts, today: string): ConsentState {
  if (consent.revokedAt) return "revoked";
  if (today < consent.effectiveOn) return "not_yet_effective";
  if (consent.expiresOn !== null && today > consent.expiresOn) return "expired";
  return "valid";
}

export type CategoryDecision =
  | { allowed: true; consentIds: string[] }
  | { allowed: false; reason: WithheldReason; since: string | null };

/**
 * May `organizationId` read `category` for `purpose`? Allowed when at least one valid consent names the
 * organization, the category and the purpose. Otherwise the reason comes from the most recently recorded
 * consent that would have covered it (revoked, expired, not yet effective), or from one that covers the
 * category for another purpose, or there is no consent at all.
 */
export function decideCategory(
  consents: readonly ConsentFacts[],
  request: { organizationId: string; category: DataCategory; purpose: ConsentPurpose; today: string },
): CategoryDecision {
  const forCategory = consents.filter(
    (c) =>
      c.receivingOrganizationIds.includes(request.organizationId) && c.categories.includes(request.category),
  );
  const covering = forCategory.filter((c) => c.purposes.includes(request.purpose));
  const valid = covering.filter((c) => consentState(c, request.today) === "valid");
  if (valid.length > 0) return { allowed: true, consentIds: valid.map((c) => c.id) };
  const latest = [...covering].sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0];
  if (latest) {
    const state = consentState(latest, request.today) as Exclude<ConsentState, "valid">;
    const since =
      state === "revoked"
        ? (latest.revokedAt?.toISOString().slice(0, 10) ?? null)
        : state === "expired"
          ? latest.expiresOn
          : null;
    return { allowed: false, reason: state, since };
  }
  if (forCategory.length > 0) return { allowed: false, reason: "purpose_not_covered", since: null };
  return { allowed: false, reason: "no_consent", since: null };
}

export interface ConsentFormProblem {
  field: string;
  message: string;
  [key: string]: unknown;
}

/** What the schema cannot say: the fields each way of giving consent needs, and dates in order. */
export function consentInputProblems(input: {
  method: ConsentMethod;
  effectiveOn: string;
  expiresOn?: string | null | undefined;
  typedSignature?: string | null | undefined;
  signedOn?: string | null | undefined;
  witnessName?: string | null | undefined;
  hasSignedForm: boolean;
  today: string;
}): ConsentFormProblem[] {
  const problems: ConsentFormProblem[] = [];
  if (input.expiresOn && input.expiresOn < input.effectiveOn) {
    problems.push({
      field: "/body/expiresOn",
      message: "The consent must expire on or after the day it takes effect.",
    });
  }
  if (input.expiresOn && input.expiresOn < input.today) {
    problems.push({ field: "/body/expiresOn", message: "The expiry date has already passed." });
  }
  if (input.method === "signed_form" && !input.hasSignedForm) {
    problems.push({
      field: "/body/signedForm",
      message: "Attach the signed consent form (PDF, PNG or JPEG).",
    });
  }
  if (input.method === "typed_signature") {
    if (!input.typedSignature?.trim()) {
      problems.push({ field: "/body/typedSignature", message: "Type the name of the person signing." });
    }
    if (!input.signedOn) {
      problems.push({ field: "/body/signedOn", message: "Give the date the consent was signed." });
    } else if (input.signedOn > input.today) {
      problems.push({ field: "/body/signedOn", message: "The date signed cannot be in the future." });
    }
  }
  if (input.method === "verbal" && !input.witnessName?.trim()) {
    problems.push({ field: "/body/witnessName", message: "Verbal consent needs the name of a witness." });
  }
  return problems;
}

const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  "application/pdf": (b) => b.subarray(0, 5).toString("latin1") === "%PDF-",
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/jpeg": (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
};

/** The uploaded bytes must be what they claim to be (a renamed file is refused). */
export function signedFormMatches(contentType: string, bytes: Buffer): boolean {
  return SIGNATURES[contentType]?.(bytes) === true;
}
