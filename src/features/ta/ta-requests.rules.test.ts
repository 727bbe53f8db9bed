import { describe, expect, it } from "vitest";
import {
  canMoveEngagement,
  canMoveRequest,
  checkItem,
  engagementMoves,
  requestMoves,
} from "./ta-requests.rules.ts";

describe("TA request and engagement moves", () => {
  it("lets an open request be planned, declined or withdrawn, and not come back once closed", () => {
    expect(requestMoves("open")).toEqual(["planned", "in_progress", "declined", "withdrawn"]);
    expect(canMoveRequest("planned", "open")).toBe(true);
    expect(canMoveRequest("withdrawn", "open")).toBe(false);
    expect(canMoveRequest("completed", "in_progress")).toBe(false);
    expect(canMoveRequest("declined", "declined")).toBe(true);
  });

  it("ends an engagement when completed or cancelled", () => {
    expect(engagementMoves("completed")).toEqual([]);
    expect(canMoveEngagement("planned", "completed")).toBe(true);
    expect(canMoveEngagement("in_progress", "planned")).toBe(false);
    expect(canMoveEngagement("cancelled", "planned")).toBe(false);
  });
});

describe("checking a recipient and window", () => {
  const fields = { from: "wantedFrom", to: "wantedTo" };

  it("accepts a one-day window", () => {
    expect(
      checkItem(
        { recipientKind: "county", partnershipId: null, from: "2026-01-01", to: "2026-01-01" },
        fields,
      ),
    ).toEqual([]);
  });

  it("names the end of a backwards window and a partnership recipient without its partnership", () => {
    expect(
      checkItem(
        { recipientKind: "partnership", partnershipId: null, from: "2026-02-01", to: "2026-01-01" },
        fields,
      ),
    ).toEqual([
      { field: "/body/wantedTo", message: "must be on or after wantedFrom" },
      { field: "/body/partnershipId", message: "required when the recipient is a partnership" },
    ]);
  });
});
