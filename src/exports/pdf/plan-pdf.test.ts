import { describe, expect, it } from "vitest";
import {
  LINKAGES_OBJECTIVE,
  LINKAGES_STEPS,
  linkagesPlan,
  partnershipPlan,
  sipPlan,
} from "../test-fixtures.ts";
import { missingInOrder, readPdfText } from "../test-readers.ts";
import { renderPlanPdf } from "./plan-pdf.ts";

const spanishDate = (iso: string) =>
  new Intl.DateTimeFormat("es", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );

async function pdfText(buffer: Buffer): Promise<string> {
  return (await readPdfText(buffer)).join(" ");
}

describe("plan PDF", () => {
  it("is a PDF whose metadata carries the plan's title", async () => {
    const buffer = await renderPlanPdf(linkagesPlan(), "en");
    expect(buffer.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(buffer) }).promise;
    const { info } = await pdf.getMetadata();
    expect((info as { Title?: string }).Title).toBe("Any County Linkages Work Plan");
    await pdf.destroy();
  });

  it("has the partnership plan's goal, objective table, action steps and deliverables in order", async () => {
    const text = await pdfText(await renderPlanPdf(partnershipPlan(), "en"));
    expect(
      missingInOrder(text, [
        "Community Systems Development Work Group Work Plan",
        "Charge: To support local community partnerships",
        "Goal: Advise the Home Visiting Task Force",
        "Objective I",
        "Action steps",
        "Responsibility",
        "Timeframe",
        "Develop and provide high quality technical assistance",
        "1. Building on the existing Strong Foundation's TA model",
        "CSDWG SF grantee and SAC grantee",
        "Ongoing",
        "3. Working with selected communities",
        "SF grantee",
        "Jun 30, 2011",
        "Deliverables",
        "1. The Early Childhood Community Systems Development Toolkit was created.",
        "CSDWG",
        "Completed",
        "3. Statewide awareness level trainings",
        "7 completed",
        "Goal: Create and recommend mechanisms",
        "Objective II",
        "CSDWG/Staffer",
        "March/April 2011",
      ]),
    ).toBeNull();
  });

  it("has the Linkages header, goal, topic overview and the topic area's action steps in order", async () => {
    const text = await pdfText(await renderPlanPdf(linkagesPlan(), "en"));
    expect(
      missingInOrder(text, [
        "County:",
        "Any County, CA",
        "Contact persons:",
        "Michael Lopez / Sheila Adams",
        "Email:",
        "mlopez@anycounty.gov / sadams@anycounty.gov",
        "Linkages goal for the next 12 months",
        "To enhance service coordination",
        "WORK PLAN TOPIC AREAS",
        "Program launch or expansion",
        "Strategic direction",
        "Work plan topic area:",
        "Strategic direction",
        "Implementation objective:",
        LINKAGES_OBJECTIVE,
        "Target date:",
        "Mar 2022",
        "What are the action steps to be taken?",
        "Who is assigned?",
        "Due date",
        ...LINKAGES_STEPS.flatMap((s, i) => [`${i + 1}. ${s.title}`, s.assignee]),
        "Mar 15, 2022",
      ]),
    ).toBeNull();
  });

  it("has the SIP cover sheet, the component matrix and its milestones in order", async () => {
    const text = await pdfText(await renderPlanPdf(sipPlan(), "en"));
    expect(
      missingInOrder(text, [
        "SIP Cover Sheet",
        "California's Child and Family Services Review",
        "System Improvement Plan",
        "County:",
        "Any County",
        "Period of Plan:",
        "Oct 1, 2004 – Sep 30, 2009",
        "County Contact Person for County System Improvement Plan",
        "Submitted by:",
        "County Chief Probation Officer",
        "Signature:",
        "SIP narrative",
        "Outcome/systemic factor:",
        "C1.1 Reunification within 12 months (Probation)",
        "County's current performance:",
        "Improvement Goal 1.0",
        "Strategy 1.1",
        "Strategy rationale",
        "Milestone",
        "Timeframe",
        "Assigned to",
        "1.1.1 Train family team meeting facilitators.",
        "Oct 2004 – Mar 2005",
        "Maria Chen",
        "Strategy 1.2",
        "1.2.2 Match every reunifying parent with a mentor.",
        "Parent partner lead",
        "Supporting the improvement goals",
      ]),
    ).toBeNull();
  });

  it("uses the Spanish labels in a Spanish export", async () => {
    const text = await pdfText(await renderPlanPdf(sipPlan(), "es"));
    expect(
      missingInOrder(text, [
        "Portada del SIP",
        "Período del plan:",
        // The month abbreviations come from the runtime's CLDR data ("sep" or "sept").
        `${spanishDate("2004-10-01")} – ${spanishDate("2009-09-30")}`,
        "Resultado/factor sistémico:",
        "Meta de mejora 1.0",
        "Estrategia 1.1",
        "Justificación de la estrategia",
        "Hito",
        "Plazo",
        "Asignado a",
      ]),
    ).toBeNull();
  });
});
