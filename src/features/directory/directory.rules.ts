/** Pure rules of the service directory (no I/O). */

import { dateTimeFormat } from "../../server/intl.ts";

export interface ScheduleLike {
  freq?: unknown;
  byday?: unknown;
  opens_at?: unknown;
  closes_at?: unknown;
  valid_from?: unknown;
  valid_to?: unknown;
}

const DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

/** The weekday (MO…SU), date (YYYY-MM-DD) and minutes since midnight of an instant in a time zone. */
export function localClock(now: Date, timeZone: string): { day: string; date: string; minutes: number } {
  const parts = Object.fromEntries(
    dateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const day = DAYS[["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday ?? "")] ?? "SU";
  return {
    day,
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** "09:00", "9:00:00", "17:30Z" → minutes since midnight; null when it is not a time. */
export function minutesOf(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{1,2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** The weekdays of an RRULE-style byday list ("MO,TU", "1MO", "-1FR"). */
export function weekdaysOf(byday: unknown): string[] {
  if (typeof byday !== "string") return [];
  return byday
    .split(",")
    .map((d) =>
      d
        .trim()
        .toUpperCase()
        .replace(/^[+-]?\d+/, ""),
    )
    .filter((d) => (DAYS as readonly string[]).includes(d));
}

/**
 * Whether a service is open at an instant, from its weekly (or daily) schedules with opening hours.
 * null when no schedule says (no hours given): "unknown", not "closed".
 */
export function isOpenAt(schedules: ScheduleLike[], now: Date, timeZone: string): boolean | null {
  const clock = localClock(now, timeZone);
  let known = false;
  for (const s of schedules) {
    const opens = minutesOf(s.opens_at);
    const closes = minutesOf(s.closes_at);
    if (opens === null || closes === null) continue;
    const days = weekdaysOf(s.byday);
    const freq = typeof s.freq === "string" ? s.freq.toUpperCase() : "";
    if (days.length === 0 && freq !== "DAILY") continue;
    if (typeof s.valid_from === "string" && s.valid_from.slice(0, 10) > clock.date) continue;
    if (typeof s.valid_to === "string" && s.valid_to.slice(0, 10) < clock.date) continue;
    known = true;
    const today = days.length === 0 || days.includes(clock.day);
    // Hours past midnight (closes before it opens) are not modelled: such a schedule, or one closing at
    // 23:59, counts until midnight.
    const end = closes <= opens || closes === 24 * 60 - 1 ? 24 * 60 : closes;
    if (today && clock.minutes >= opens && clock.minutes < end) return true;
  }
  return known ? false : null;
}

/** Opening hours as short text per schedule, e.g. "MO,TU,WE 09:00–17:00". */
export function describeHours(schedules: ScheduleLike[]): string[] {
  return schedules.flatMap((s) => {
    const opens = typeof s.opens_at === "string" ? s.opens_at.slice(0, 5) : null;
    const closes = typeof s.closes_at === "string" ? s.closes_at.slice(0, 5) : null;
    if (!opens || !closes) return [];
    const days = weekdaysOf(s.byday);
    return [`${days.length ? days.join(",") : "daily"} ${opens}–${closes}`];
  });
}
