import { describe, expect, it } from "vitest";
import { assessMilestoneWording } from "./milestone-wording.ts";
import { parseTimeframeMonths } from "./timeframe.ts";

const suggestionFor = (title: string) => {
  const assessment = assessMilestoneWording(title);
  return assessment.completed ? null : assessment.suggestion.en;
};
const GENERIC = "Reword as a completed action, e.g. “… completed.”";

describe("milestone wording", () => {
  it.each([
    ["All staff will be trained", "Training for all staff completed."],
    [
      "Social workers will be trained on SDM by June 2027.",
      "Training for social workers on SDM completed by June 2027.",
    ],
    [
      "The SDM tool shall be implemented in all units",
      "Implementation of the SDM tool in all units completed.",
    ],
    ["Protocol will be adopted by the Board", "Protocol adopted by the Board."],
    ["Protocol to be adopted by the Board", "Protocol adopted by the Board."],
    ["Focus groups will be conducted with parents", "Focus groups conducted with parents."],
    [
      "Develop a protocol for relative placement assessments",
      "Protocol for relative placement assessments developed.",
    ],
    ["Hire two bilingual social workers", "Two bilingual social workers hired."],
    ["Conduct focus groups with parents and youth", "Focus groups with parents and youth conducted."],
    ["To develop a team decision-making protocol", "Team decision-making protocol developed."],
    ["Hold quarterly meetings with probation", "Quarterly meetings with probation held."],
    ["Implement Structured Decision Making countywide", "Structured Decision Making implemented countywide."],
    [
      "Provide SDM training to all new social workers by March 2027",
      "SDM training provided to all new social workers by March 2027.",
    ],
    ["Train all staff on SDM by June 2027", "All staff trained on SDM by June 2027."],
    ["The county will develop a protocol by June 2027", "Protocol developed by the county by June 2027."],
    ["We plan to hire two family finders", "Two family finders hired."],
    ["Identify relatives within 30 days of removal", "Relatives identified within 30 days of removal."],
  ])("rewords “%s” as “%s”", (title, expected) => {
    expect(suggestionFor(title)).toBe(expected);
  });

  it.each([
    "Staff will attend SDM training",
    "Increase timely visits to 90%",
    "Create a resource guide that will help families",
    "Ensure every youth has a transition plan",
    "Se capacitará a todo el personal",
    "Capacitar a todo el personal",
  ])("flags “%s” with a generic hint when no sensible rewording exists", (title) => {
    expect(suggestionFor(title)).toBe(GENERIC);
  });

  it("gives the generic hint in Spanish too", () => {
    const assessment = assessMilestoneWording("Increase timely visits to 90%");
    expect(assessment.completed ? null : assessment.suggestion.es).toBe(
      "Redacte el hito como una acción cumplida, p. ej., «… completado.»",
    );
  });

  it.each([
    "Training for all staff completed.",
    "Protocol adopted by the Board.",
    "MOU with probation signed.",
    "Review of cases completed.",
    "Draft protocol approved by management.",
    "Quarterly meetings with probation held.",
    "Family Team Meeting unit in place.",
    "Staff trained on SDM by June 2027.",
    "Plan adopted by the Board of Supervisors.",
    "Increased timely visits to 90%.",
    "Train-the-trainer sessions held.",
    "Support groups for kin caregivers launched.",
    "Data report for children in need distributed monthly.",
    "Capacitación de todo el personal completada.",
    "",
  ])("accepts “%s” as a completed action", (title) => {
    expect(assessMilestoneWording(title)).toEqual({ completed: true });
  });
});

describe("timeframe parsing", () => {
  it.each([
    ["3 months", 3],
    ["Month 6", 6],
    ["6 mos", 6],
    ["12 months", 12],
    ["1 month", 1],
    ["Year 1", 12],
    ["Year 2", 24],
    ["6 meses", 6],
    ["un año", 12],
    ["six months", 6],
    ["6-month", 6],
    ["Months 1-3", 3],
    ["1.5 years", 18],
    ["18 months", 18],
  ])("reads “%s” as %i months", (timeframe, months) => {
    expect(parseTimeframeMonths(timeframe)).toBe(months);
  });

  it.each(["Ongoing", "June 2027", "Quarterly", "monthly", "by 6/30/2027", "FY 2026-27"])(
    "does not read “%s” as a duration",
    (timeframe) => {
      expect(parseTimeframeMonths(timeframe)).toBeNull();
    },
  );
});
