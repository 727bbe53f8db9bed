/** Pure rules of TA requests and engagements: status moves and the checks on a recipient and window. */
import type { TaEngagementStatus, TaRecipientKind, TaRequestStatus } from "../../db/schema/ta.ts";
import type { ErrorDetail } from "../../server/errors.ts";

const REQUEST_MOVES: Record<TaRequestStatus, TaRequestStatus[]> = {
  open: ["planned", "in_progress", "declined", "withdrawn"],
  planned: ["open", "in_progress", "completed", "withdrawn"],
  in_progress: ["planned", "completed"],
  completed: [],
  declined: [],
  withdrawn: [],
};

const ENGAGEMENT_MOVES: Record<TaEngagementStatus, TaEngagementStatus[]> = {
  planned: ["in_progress", "completed", "cancelled"],
  in_progress: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export function requestMoves(status: TaRequestStatus): TaRequestStatus[] {
  return REQUEST_MOVES[status];
}

export function engagementMoves(status: TaEngagementStatus): TaEngagementStatus[] {
  return ENGAGEMENT_MOVES[status];
}

/** A move to the same status is no move, and always allowed. */
export function canMoveRequest(from: TaRequestStatus, to: TaRequestStatus): boolean {
  return from === to || REQUEST_MOVES[from].includes(to);
}

export function canMoveEngagement(from: TaEngagementStatus, to: TaEngagementStatus): boolean {
  return from === to || ENGAGEMENT_MOVES[from].includes(to);
}

/** Requests and engagements no longer in play: left out of overlap detection. */
export const CLOSED_REQUEST_STATUSES: TaRequestStatus[] = ["declined", "withdrawn"];
export const CLOSED_ENGAGEMENT_STATUSES: TaEngagementStatus[] = ["cancelled"];

/** The problems of a recipient and a window, each naming its field. */
export function checkItem(
  item: {
    recipientKind: TaRecipientKind;
    partnershipId: string | null;
    from: string;
    to: string;
  },
  fields: { from: string; to: string },
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (item.from > item.to) {
    problems.push({ field: `/body/${fields.to}`, message: `must be on or after ${fields.from}` });
  }
  if (item.recipientKind === "partnership" && !item.partnershipId) {
    problems.push({ field: "/body/partnershipId", message: "required when the recipient is a partnership" });
  }
  return problems;
}
