/** Closed-loop referrals: the state machine and the per-provider figures. Pure, no I/O. */
import type { ReferralStatus } from "../../db/schema/referrals.ts";

export type Side = "sender" | "receiver";

interface Move {
  from: ReferralStatus[];
  /** Who makes the move. For an off-Trellis referral the sender records the provider's answers. */
  by: Side;
  /** A note is required: the reason (declined, not completed) or the outcome (completed). */
  noteRequired: "reason" | "outcome" | null;
}

export const MOVES: Record<Exclude<ReferralStatus, "sent">, Move> = {
  accepted: { from: ["sent"], by: "receiver", noteRequired: null },
  declined: { from: ["sent"], by: "receiver", noteRequired: "reason" },
  completed: { from: ["accepted"], by: "receiver", noteRequired: "outcome" },
  not_completed: { from: ["accepted"], by: "receiver", noteRequired: "reason" },
  cancelled: { from: ["sent", "accepted"], by: "sender", noteRequired: null },
};

export const FINAL_STATUSES: ReferralStatus[] = ["declined", "completed", "not_completed", "cancelled"];

export type MoveCheck =
  | { ok: true }
  | {
      ok: false;
      problem: "invalid_transition" | "wrong_side" | "note_required";
      note?: "reason" | "outcome";
    };

/**
 * May `side` move a referral from `from` to `to`? `offTrellis`: the provider has no Trellis organization,
 * so the sender records the provider's moves too.
 */
export function checkMove(
  from: ReferralStatus,
  to: ReferralStatus,
  side: Side,
  offTrellis: boolean,
  note: string | null | undefined,
): MoveCheck {
  if (to === "sent") return { ok: false, problem: "invalid_transition" };
  const move = MOVES[to];
  if (!move.from.includes(from)) return { ok: false, problem: "invalid_transition" };
  if (move.by !== side && !(offTrellis && side === "sender")) return { ok: false, problem: "wrong_side" };
  if (move.noteRequired && !note?.trim())
    return { ok: false, problem: "note_required", note: move.noteRequired };
  return { ok: true };
}

/** The moves `side` may make now (for the UI's buttons). */
export function availableMoves(from: ReferralStatus, side: Side, offTrellis: boolean): ReferralStatus[] {
  return (Object.keys(MOVES) as Exclude<ReferralStatus, "sent">[]).filter((to) => {
    const check = checkMove(from, to, side, offTrellis, "x");
    return check.ok;
  });
}

export interface FigureInput {
  providerKey: string;
  providerName: string;
  status: ReferralStatus;
  sentAt: Date;
  acceptedAt: Date | null;
}

export interface ProviderFigures {
  providerKey: string;
  providerName: string;
  sent: number;
  /** Median hours from sending to acceptance, over the accepted ones; null when none was accepted. */
  medianHoursToAccept: number | null;
  /** Accepted ÷ answered (accepted or declined); null before any answer. Cancelled before an answer do not count. */
  acceptanceRate: number | null;
  /** Completed ÷ closed after acceptance (completed or not completed); null before any. */
  completionRate: number | null;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Figures per provider, sorted by provider name. */
export function providerFigures(rows: FigureInput[]): ProviderFigures[] {
  const groups = new Map<string, FigureInput[]>();
  for (const row of rows) groups.set(row.providerKey, [...(groups.get(row.providerKey) ?? []), row]);
  return [...groups.entries()]
    .map(([providerKey, list]) => {
      const accepted = list.filter((r) => r.acceptedAt !== null);
      const declined = list.filter((r) => r.status === "declined").length;
      const completed = list.filter((r) => r.status === "completed").length;
      const notCompleted = list.filter((r) => r.status === "not_completed").length;
      const hours = accepted.map((r) => ((r.acceptedAt as Date).getTime() - r.sentAt.getTime()) / 3_600_000);
      return {
        providerKey,
        providerName: list[0]?.providerName ?? providerKey,
        sent: list.length,
        medianHoursToAccept: median(hours),
        acceptanceRate: ratio(accepted.length, accepted.length + declined),
        completionRate: ratio(completed, completed + notCompleted),
      };
    })
    .sort((a, b) => a.providerName.localeCompare(b.providerName));
}
