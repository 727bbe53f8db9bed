/**
 * Retention (docs/consent.md): which records a rule reaches on a given day. Pure: dates are ISO strings
 * (YYYY-MM-DD), no I/O, so the service and its tests agree on every boundary.
 */
import { createHash } from "node:crypto";
import { RETENTION_RECORD_TYPES, type RetentionRecordType } from "../../db/schema/consent.ts";
import type { ReferralStatus } from "../../db/schema/referrals.ts";

export interface RetentionRule {
  recordType: RetentionRecordType;
  afterMonths: number;
  enabled: boolean;
}

/** Until an organization sets its rules: seven years for closed families, three for the rest, all off. */
export const DEFAULT_AFTER_MONTHS: Record<RetentionRecordType, number> = {
  closed_family: 84,
  finished_referral: 36,
  ended_consent_form: 36,
};

export const ANONYMIZED_FAMILY_NAME = "Anonymized family";
export const ANONYMIZED_PERSON_NAME = "Anonymized";
export const REDACTED_CONTACT_NAME = "Redacted";

/** The organization's rules for every record type, the defaults filling the types it has not set. */
export function withDefaults(rows: readonly RetentionRule[]): RetentionRule[] {
  return RETENTION_RECORD_TYPES.map(
    (recordType) =>
      rows.find((r) => r.recordType === recordType) ?? {
        recordType,
        afterMonths: DEFAULT_AFTER_MONTHS[recordType],
        enabled: false,
      },
  );
}

function parts(isoDate: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`not an ISO date: ${isoDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The same day `months` later (or earlier, when negative); a day the target month lacks becomes its last
 * day (2024-03-31 minus one month is 2024-02-29).
 */
export function shiftMonths(isoDate: string, months: number): string {
  const [year, month, day] = parts(isoDate);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const d = Math.min(day, daysInMonth(y, m));
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function addDays(isoDate: string, days: number): string {
  const [year, month, day] = parts(isoDate);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A record that ended before this day is more than `afterMonths` old today. */
export function retentionCutoff(today: string, afterMonths: number): string {
  return shiftMonths(today, -afterMonths);
}

/** Whether a record that ended on `endedOn` is past its rule today ("more than afterMonths ago"). */
export function isPastRetention(endedOn: string, today: string, afterMonths: number): boolean {
  return endedOn < retentionCutoff(today, afterMonths);
}

/**
 * The first day on which a record that ended on `endedOn` is past its rule. Usually the day after the
 * same date afterMonths later; for a month's last days it can be a few days more, because several days
 * of a longer month share the cutoff of a shorter one's last day (cutoffs never decrease, so search on).
 */
export function eligibleSince(endedOn: string, afterMonths: number): string {
  let day = addDays(shiftMonths(endedOn, afterMonths), 1);
  while (!isPastRetention(endedOn, day, afterMonths)) day = addDays(day, 1);
  return day;
}

export const FINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = [
  "completed",
  "not_completed",
  "declined",
  "cancelled",
];

export function isFinalReferralStatus(status: ReferralStatus): boolean {
  return FINAL_REFERRAL_STATUSES.includes(status);
}

/** A referral whose shared snapshot retention has already removed. */
export function isRedactedReferral(r: {
  sharedContactName: string;
  sharedPhone: string | null;
  sharedReason: string;
  goalText: string | null;
}): boolean {
  return (
    (r.sharedContactName === REDACTED_CONTACT_NAME || r.sharedContactName === ANONYMIZED_PERSON_NAME) &&
    r.sharedPhone === null &&
    r.sharedReason === "" &&
    r.goalText === null
  );
}

/**
 * The day a consent ended: the day it was revoked or the last day it was in effect, whichever came first;
 * null while it is still running (or ends in the future).
 */
export function consentEndedOn(
  c: { revokedOn: string | null; expiresOn: string | null },
  today: string,
): string | null {
  const ends = [c.revokedOn, c.expiresOn !== null && c.expiresOn < today ? c.expiresOn : null].filter(
    (d): d is string => d !== null,
  );
  if (ends.length === 0) return null;
  return ends.reduce((a, b) => (a < b ? a : b));
}

/** The key of one affected record, as the preview lists it. */
export function recordKey(recordType: RetentionRecordType, recordId: string): string {
  return `${recordType}:${recordId}`;
}

/**
 * Names one preview: the rules and the exact records they reach. Applying a preview checks that it is
 * still the same, so nothing the officer did not see is changed.
 */
export function previewIdOf(keys: readonly string[], rules: readonly RetentionRule[]): string {
  const sortedRules = [...rules]
    .sort((a, b) => (a.recordType < b.recordType ? -1 : 1))
    .map((r) => `${r.recordType}:${r.afterMonths}:${r.enabled ? 1 : 0}`);
  const sortedKeys = [...keys].sort();
  return createHash("sha256")
    .update(JSON.stringify({ rules: sortedRules, keys: sortedKeys }))
    .digest("hex");
}
