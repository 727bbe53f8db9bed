import { describe, expect, it } from "vitest";
import { availableMoves, checkMove, median, providerFigures } from "./referrals.rules.ts";

describe("referral state machine", () => {
  it("lets the receiver accept or decline a sent referral", () => {
    expect(checkMove("sent", "accepted", "receiver", false, null)).toEqual({ ok: true });
    expect(checkMove("sent", "declined", "receiver", false, "full until June")).toEqual({ ok: true });
  });

  it("requires a reason to decline and to record not completed, and an outcome to complete", () => {
    expect(checkMove("sent", "declined", "receiver", false, "  ")).toEqual({
      ok: false,
      problem: "note_required",
      note: "reason",
    });
    expect(checkMove("accepted", "not_completed", "receiver", false, null)).toMatchObject({ note: "reason" });
    expect(checkMove("accepted", "completed", "receiver", false, "")).toMatchObject({ note: "outcome" });
    expect(checkMove("accepted", "completed", "receiver", false, "Enrolled in home visiting")).toEqual({
      ok: true,
    });
  });

  it("refuses the sender the receiver's moves when the provider is on Trellis", () => {
    expect(checkMove("sent", "accepted", "sender", false, null)).toMatchObject({ problem: "wrong_side" });
    expect(checkMove("accepted", "completed", "sender", false, "done")).toMatchObject({
      problem: "wrong_side",
    });
  });

  it("lets the sender record the provider's answers for an off-Trellis referral", () => {
    expect(checkMove("sent", "accepted", "sender", true, null)).toEqual({ ok: true });
    expect(checkMove("accepted", "completed", "sender", true, "Enrolled")).toEqual({ ok: true });
  });

  it("lets only the sender cancel, while sent or accepted", () => {
    expect(checkMove("sent", "cancelled", "sender", false, null)).toEqual({ ok: true });
    expect(checkMove("accepted", "cancelled", "sender", false, null)).toEqual({ ok: true });
    expect(checkMove("sent", "cancelled", "receiver", false, null)).toMatchObject({ problem: "wrong_side" });
    expect(checkMove("completed", "cancelled", "sender", false, null)).toMatchObject({
      problem: "invalid_transition",
    });
  });

  it("refuses moves out of order and from final states", () => {
    expect(checkMove("sent", "completed", "receiver", false, "x")).toMatchObject({
      problem: "invalid_transition",
    });
    expect(checkMove("declined", "accepted", "receiver", false, null)).toMatchObject({
      problem: "invalid_transition",
    });
    expect(checkMove("accepted", "sent", "sender", false, null)).toMatchObject({
      problem: "invalid_transition",
    });
    expect(checkMove("cancelled", "accepted", "receiver", false, null)).toMatchObject({
      problem: "invalid_transition",
    });
  });

  it("lists the moves each side has", () => {
    expect(availableMoves("sent", "receiver", false)).toEqual(["accepted", "declined"]);
    expect(availableMoves("sent", "sender", false)).toEqual(["cancelled"]);
    expect(availableMoves("accepted", "receiver", false)).toEqual(["completed", "not_completed"]);
    expect(availableMoves("sent", "sender", true)).toEqual(["accepted", "declined", "cancelled"]);
    expect(availableMoves("completed", "sender", true)).toEqual([]);
  });
});

describe("provider figures", () => {
  const at = (hours: number) => new Date(Date.UTC(2026, 0, 1) + hours * 3_600_000);
  const row = (
    providerKey: string,
    status: Parameters<typeof checkMove>[0],
    acceptedAfter: number | null,
  ) => ({
    providerKey,
    providerName: providerKey === "a" ? "Alpha" : "Beta",
    status,
    sentAt: at(0),
    acceptedAt: acceptedAfter === null ? null : at(acceptedAfter),
  });

  it("computes the median", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("computes time to accept, acceptance and completion per provider", () => {
    const figures = providerFigures([
      row("a", "completed", 2),
      row("a", "not_completed", 10),
      row("a", "declined", null),
      row("a", "sent", null),
      row("a", "accepted", 4),
      row("b", "cancelled", null),
    ]);
    expect(figures).toEqual([
      {
        providerKey: "a",
        providerName: "Alpha",
        sent: 5,
        medianHoursToAccept: 4,
        acceptanceRate: 3 / 4,
        completionRate: 1 / 2,
      },
      {
        providerKey: "b",
        providerName: "Beta",
        sent: 1,
        medianHoursToAccept: null,
        acceptanceRate: null,
        completionRate: null,
      },
    ]);
  });
});
