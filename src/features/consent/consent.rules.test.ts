import { describe, expect, it } from "vitest";
import {
  type ConsentFacts,
  consentInputProblems,
  consentState,
  decideCategory,
  signedFormMatches,
} from "./consent.rules.ts";

const reader = "org-b";
function consent(values: Partial<ConsentFacts> = {}): ConsentFacts {
  return {
    id: "c1",
    receivingOrganizationIds: [reader],
    categories: ["identity_contact", "service_plan"],
    purposes: ["service_coordination"],
    effectiveOn: "2026-01-01",
    expiresOn: "2026-12-31",
    revokedAt: null,
    recordedAt: new Date("2026-01-01T10:00:00Z"),
    ...values,
  };
}
const ask = {
  organizationId: reader,
  category: "service_plan",
  purpose: "service_coordination",
  today: "2026-06-01",
} as const;

describe("consentState", () => {
  it("holds from the effective day through the expiry day, inclusive", () => {
    expect(consentState(consent(), "2025-12-31")).toBe("not_yet_effective");
    expect(consentState(consent(), "2026-01-01")).toBe("valid");
    expect(consentState(consent(), "2026-12-31")).toBe("valid");
    expect(consentState(consent(), "2027-01-01")).toBe("expired");
    expect(consentState(consent({ expiresOn: null }), "2099-01-01")).toBe("valid");
  });

  it("ends the moment it is revoked, whatever the dates say", () => {
    expect(consentState(consent({ revokedAt: new Date("2026-03-01T12:00:00Z") }), "2026-06-01")).toBe(
      "revoked",
    );
  });
});

describe("decideCategory", () => {
  it("allows a category and purpose a valid consent names for the reader, citing the consent", () => {
    expect(decideCategory([consent()], ask)).toEqual({ allowed: true, consentIds: ["c1"] });
  });

  it("denies another organization, another category and another purpose, each with its reason", () => {
    expect(decideCategory([consent()], { ...ask, organizationId: "org-c" })).toEqual({
      allowed: false,
      reason: "no_consent",
      since: null,
    });
    expect(decideCategory([consent()], { ...ask, category: "contact_notes" })).toMatchObject({
      reason: "no_consent",
    });
    expect(decideCategory([consent()], { ...ask, purpose: "referral" })).toMatchObject({
      reason: "purpose_not_covered",
    });
  });

  it("says since when a consent expired or was revoked", () => {
    expect(decideCategory([consent({ expiresOn: "2026-05-31" })], ask)).toEqual({
      allowed: false,
      reason: "expired",
      since: "2026-05-31",
    });
    expect(decideCategory([consent({ revokedAt: new Date("2026-04-02T08:00:00Z") })], ask)).toEqual({
      allowed: false,
      reason: "revoked",
      since: "2026-04-02",
    });
    expect(decideCategory([consent({ effectiveOn: "2026-07-01" })], ask)).toMatchObject({
      reason: "not_yet_effective",
    });
  });

  it("allows when any one consent is valid even if an older one was revoked", () => {
    const old = consent({ id: "old", revokedAt: new Date("2026-02-01T00:00:00Z") });
    const renewed = consent({ id: "new", recordedAt: new Date("2026-03-01T00:00:00Z") });
    expect(decideCategory([old, renewed], ask)).toEqual({ allowed: true, consentIds: ["new"] });
  });

  it("explains a denial by the most recently recorded consent", () => {
    const expired = consent({
      id: "a",
      expiresOn: "2026-02-01",
      recordedAt: new Date("2026-01-01T00:00:00Z"),
    });
    const revoked = consent({
      id: "b",
      revokedAt: new Date("2026-05-01T00:00:00Z"),
      recordedAt: new Date("2026-03-01T00:00:00Z"),
    });
    expect(decideCategory([expired, revoked], ask)).toMatchObject({ reason: "revoked" });
  });
});

describe("consentInputProblems", () => {
  const base = { effectiveOn: "2026-06-01", today: "2026-06-01", hasSignedForm: false };
  it("asks each way of giving consent for what it needs", () => {
    expect(consentInputProblems({ ...base, method: "signed_form" }).map((p) => p.field)).toEqual([
      "/body/signedForm",
    ]);
    expect(consentInputProblems({ ...base, method: "typed_signature" }).map((p) => p.field)).toEqual([
      "/body/typedSignature",
      "/body/signedOn",
    ]);
    expect(
      consentInputProblems({ ...base, method: "verbal", witnessName: "  " }).map((p) => p.field),
    ).toEqual(["/body/witnessName"]);
    expect(consentInputProblems({ ...base, method: "verbal", witnessName: "Ana" })).toEqual([]);
  });

  it("refuses an expiry before the effective day or already past, and a signature dated in the future", () => {
    const problems = consentInputProblems({
      ...base,
      method: "typed_signature",
      typedSignature: "Rosa",
      signedOn: "2026-06-02",
      expiresOn: "2026-05-01",
    });
    expect(problems.map((p) => p.field)).toEqual(["/body/expiresOn", "/body/expiresOn", "/body/signedOn"]);
  });
});

describe("signedFormMatches", () => {
  it("accepts files whose bytes are what their type says, and refuses renamed ones", () => {
    expect(signedFormMatches("application/pdf", Buffer.from("%PDF-1.7 ..."))).toBe(true);
    expect(signedFormMatches("image/png", Buffer.from("%PDF-1.7 ..."))).toBe(false);
    expect(signedFormMatches("image/jpeg", Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(signedFormMatches("text/html", Buffer.from("<html>"))).toBe(false);
  });
});
