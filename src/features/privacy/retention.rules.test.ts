import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  consentEndedOn,
  eligibleSince,
  isFinalReferralStatus,
  isPastRetention,
  isRedactedReferral,
  previewIdOf,
  retentionCutoff,
  shiftMonths,
  withDefaults,
} from "./retention.rules.ts";

describe("retention dates", () => {
  it("moves a date by months, keeping the day or taking the month's last", () => {
    expect(shiftMonths("2026-11-23", -84)).toBe("2019-11-23");
    expect(shiftMonths("2024-03-31", -1)).toBe("2024-02-29");
    expect(shiftMonths("2023-03-31", -1)).toBe("2023-02-28");
    expect(shiftMonths("2026-01-15", -1)).toBe("2025-12-15");
    expect(shiftMonths("2025-12-15", 1)).toBe("2026-01-15");
    expect(shiftMonths("2026-05-31", 13)).toBe("2027-06-30");
  });

  it("puts the cutoff afterMonths before today", () => {
    expect(retentionCutoff("2026-11-23", 36)).toBe("2023-11-23");
  });

  it("reaches a record only once more than afterMonths have passed since it ended", () => {
    expect(isPastRetention("2023-11-23", "2026-11-23", 36)).toBe(false);
    expect(isPastRetention("2023-11-22", "2026-11-23", 36)).toBe(true);
    expect(isPastRetention("2026-11-01", "2026-11-23", 1)).toBe(false);
  });

  it("names the first day a record qualifies, also for the last days of a month", () => {
    expect(eligibleSince("2026-01-10", 36)).toBe("2029-01-11");
    // Every day of March up to the 31st has a cutoff of February 29 or earlier.
    expect(eligibleSince("2000-02-29", 1)).toBe("2000-04-01");
    expect(eligibleSince("2000-01-31", 1)).toBe("2000-03-01");
  });

  it("names the first day a record qualifies, consistent with the rule on every date", () => {
    const day = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 11, 31) })
      .map((t) => new Date(t).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 600 }), (endedOn, months) => {
        const since = eligibleSince(endedOn, months);
        const before = new Date(Date.parse(`${since}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        return isPastRetention(endedOn, since, months) && !isPastRetention(endedOn, before, months);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("what qualifies", () => {
  it("treats completed, not completed, declined and cancelled referrals as finished", () => {
    expect(
      ["completed", "not_completed", "declined", "cancelled"].every((s) => isFinalReferralStatus(s as never)),
    ).toBe(true);
    expect(isFinalReferralStatus("sent")).toBe(false);
    expect(isFinalReferralStatus("accepted")).toBe(false);
  });

  it("recognizes a referral whose snapshot is already redacted", () => {
    const redacted = { sharedContactName: "Redacted", sharedPhone: null, sharedReason: "", goalText: null };
    expect(isRedactedReferral(redacted)).toBe(true);
    expect(isRedactedReferral({ ...redacted, sharedPhone: "555" })).toBe(false);
    expect(isRedactedReferral({ ...redacted, sharedContactName: "Ana" })).toBe(false);
  });

  it("ends a consent on its revocation or the last day it was in effect, whichever came first", () => {
    expect(consentEndedOn({ revokedOn: null, expiresOn: null }, "2026-11-23")).toBeNull();
    expect(consentEndedOn({ revokedOn: null, expiresOn: "2026-12-31" }, "2026-11-23")).toBeNull();
    expect(consentEndedOn({ revokedOn: null, expiresOn: "2026-11-23" }, "2026-11-23")).toBeNull();
    expect(consentEndedOn({ revokedOn: null, expiresOn: "2026-11-22" }, "2026-11-23")).toBe("2026-11-22");
    expect(consentEndedOn({ revokedOn: "2025-01-10", expiresOn: "2025-06-30" }, "2026-11-23")).toBe(
      "2025-01-10",
    );
    expect(consentEndedOn({ revokedOn: "2025-08-10", expiresOn: "2025-06-30" }, "2026-11-23")).toBe(
      "2025-06-30",
    );
  });
});

describe("rules and previews", () => {
  it("fills the record types an organization has not set with disabled defaults", () => {
    expect(withDefaults([{ recordType: "finished_referral", afterMonths: 12, enabled: true }])).toEqual([
      { recordType: "closed_family", afterMonths: 84, enabled: false },
      { recordType: "finished_referral", afterMonths: 12, enabled: true },
      { recordType: "ended_consent_form", afterMonths: 36, enabled: false },
    ]);
  });

  it("names a preview by its records and rules, whatever their order", () => {
    const rules = withDefaults([]);
    const a = previewIdOf(["closed_family:1", "finished_referral:2"], rules);
    expect(previewIdOf(["finished_referral:2", "closed_family:1"], [...rules].reverse())).toBe(a);
    expect(previewIdOf(["closed_family:1"], rules)).not.toBe(a);
    const changed = rules.map((r) => (r.recordType === "closed_family" ? { ...r, enabled: true } : r));
    expect(previewIdOf(["closed_family:1", "finished_referral:2"], changed)).not.toBe(a);
  });
});
