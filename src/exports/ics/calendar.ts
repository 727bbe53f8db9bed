/** Due dates as an iCalendar feed of all-day events (RFC 5545), for Outlook, Google or Apple calendars. */
import { createEvents, type DateArray, type EventAttributes } from "ics";

export interface CalendarEvent {
  /** Stable across exports, so a calendar that subscribes updates the event instead of adding one. */
  uid: string;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  description: string;
  /** Absolute URL of the item in Trellis. */
  url: string;
}

const PRODUCT_ID = "-//Trellis//Plan calendar//EN";

function dateArray(iso: string): DateArray {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = new Date(`${iso}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new Error(`calendar event date "${iso}" is not a YYYY-MM-DD date`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function nextDay(iso: string): DateArray {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return dateArray(date.toISOString().slice(0, 10));
}

export function renderCalendar(events: CalendarEvent[], calendarName: string): string {
  const attributes: EventAttributes[] = events.map((event) => ({
    uid: event.uid,
    title: event.title,
    description: event.description,
    url: event.url,
    // A three-part date makes an all-day event (DTSTART;VALUE=DATE); it ends, exclusively, the next day.
    start: dateArray(event.date),
    end: nextDay(event.date),
    transp: "TRANSPARENT",
  }));
  const { error, value } = createEvents(attributes, { productId: PRODUCT_ID, calName: calendarName });
  if (error || value === null) throw error ?? new Error("the calendar could not be written");
  return value;
}
