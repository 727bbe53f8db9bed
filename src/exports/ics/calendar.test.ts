import { describe, expect, it } from "vitest";
import { renderCalendar } from "./calendar.ts";

const events = [
  {
    uid: "t1-s4@trellis",
    title: "Design & produce posters, flyers",
    date: "2022-03-15",
    description: "Linkages work plan; Strategic direction",
    url: "https://trellis.example.org/plans/p1/items/t1-s4",
  },
  {
    uid: "t1-s1@trellis",
    title: "Engage with Planning Team",
    date: "2021-12-31",
    description: "Action step 1",
    url: "https://trellis.example.org/plans/p1/items/t1-s1",
  },
];

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

describe("calendar feed", () => {
  it("writes each due date as an all-day event that ends the next day", () => {
    const ics = unfold(renderCalendar(events, "Any County Linkages"));
    expect(ics).toContain("X-WR-CALNAME:Any County Linkages");
    expect(ics).toContain("DTSTART;VALUE=DATE:20220315\r\nDTEND;VALUE=DATE:20220316");
    expect(ics).toContain("DTSTART;VALUE=DATE:20211231\r\nDTEND;VALUE=DATE:20220101");
    expect(ics).toContain("UID:t1-s4@trellis");
    expect(ics).toContain("SUMMARY:Design & produce posters\\, flyers");
    expect(ics).toContain("DESCRIPTION:Linkages work plan\\; Strategic direction");
    expect(ics).toContain("URL:https://trellis.example.org/plans/p1/items/t1-s4");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });

  it("still writes a valid, empty VCALENDAR when there are no events", () => {
    const ics = renderCalendar([], "Nothing due");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics).toContain("PRODID:-//Trellis//Plan calendar//EN");
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    expect(ics).not.toContain("BEGIN:VEVENT");
  });

  it("refuses a date that is not a real YYYY-MM-DD date", () => {
    const first = events[0];
    if (!first) throw new Error("no event");
    expect(() => renderCalendar([{ ...first, date: "2022-02-30" }], "x")).toThrow(/not a YYYY-MM-DD date/);
  });
});
