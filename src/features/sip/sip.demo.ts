/**
 * Demo data for the County SIP (seed 002): Any County's performance on a few measures and a draft SIP that
 * still has findings of the guide's checks to fix (a strategy without rationale, a milestone nobody is assigned
 * to and worded as a future action, no foster parent on the team), so the demo shows the checks at work.
 */
import type { Tx } from "../../db/client.ts";
import {
  countyPerformance,
  performanceImports,
  planItems,
  plans,
  sipTeamMembers,
} from "../../db/schema/index.ts";
import type { TemplateCatalog } from "../templates/templates.service.ts";

export const DEMO_SIP_TITLE = "Any County System Improvement Plan";

/** Observed values by federal fiscal year (Oct–Sep); null is a masked public value (1–10). */
const PERFORMANCE: Record<string, (number | null)[]> = {
  S1: [8.1, 9.4, null, 7.9],
  S2: [9.2, 8.8, 8.5, 8.3],
  P1: [31.8, 30.6, 29.9, 31.2],
  P4: [7.4, 6.9, 6.2, 6.6],
};

const TEAM: { name: string; affiliation: string; representative: string }[] = [
  { name: "Alex Rivera", affiliation: "Any County CWS", representative: "cws_administrator" },
  { name: "Michael Lopez", affiliation: "Any County CWS", representative: "cws_manager" },
  { name: "Tanya Brooks", affiliation: "Any County CWS", representative: "cws_social_worker" },
  { name: "Dana Whitfield", affiliation: "Any County Probation", representative: "probation" },
  { name: "Luis Ortega", affiliation: "Any County Probation", representative: "probation_supervisor" },
  { name: "Kim Nguyen", affiliation: "Any County Probation", representative: "probation_officer" },
  {
    name: "Grace Howard",
    affiliation: "CDSS Adoptions District Office",
    representative: "adoptions_agency",
  },
];

export async function seedDemoSip(
  tx: Tx,
  options: { templates: TemplateCatalog; organizationId: string; userId: string | null; year: number },
) {
  const template = options.templates.latest("county-sip");
  if (!template) throw new Error("the demo SIP needs the county-sip template");
  const y = options.year;

  const [record] = await tx
    .insert(performanceImports)
    .values({
      organizationId: options.organizationId,
      fileName: "demo-performance.csv",
      rows: 16,
      importedBy: options.userId,
    })
    .returning({ id: performanceImports.id });
  if (!record) throw new Error("no demo import");
  await tx.insert(countyPerformance).values(
    Object.entries(PERFORMANCE).flatMap(([measureCode, values]) =>
      values.map((value, index) => {
        const end = y - values.length + index;
        return {
          county: "Any County",
          measureCode,
          periodEnd: `${end}-09-30`,
          periodLabel: `${end - 1}-10-01/${end}-09-30`,
          numerator: null,
          denominator: null,
          value,
          masked: value === null,
          importId: record.id,
        };
      }),
    ),
  );

  const [plan] = await tx
    .insert(plans)
    .values({
      organizationId: options.organizationId,
      templateKey: template.key,
      templateVersion: template.version,
      template,
      title: DEMO_SIP_TITLE,
      periodStart: `${y}-01-01`,
      periodEnd: `${y + 4}-12-31`,
      values: {
        header: {
          county: "Any County",
          responsible_agency: "Any County Child Welfare Services",
          period_of_outcomes_data: `${y - 2}-10-01 to ${y - 1}-09-30`,
          contact_name: "Michael Lopez",
          contact_title: "SIP Coordinator",
          youth_connection_available: false,
        },
        sections: {
          narrative: {
            local_planning_bodies:
              "The SIP team met monthly with the Child Abuse Prevention Council and the Probation Youth Services workgroup.",
          },
        },
      },
    })
    .returning();
  if (!plan) throw new Error("no demo SIP");
  const base = { organizationId: plan.organizationId, planId: plan.id, section: "components" };
  const insert = async (values: Record<string, unknown> & { level: string; title: string }) => {
    const [row] = await tx
      .insert(planItems)
      .values({ ...base, position: 0, fields: {}, ...values })
      .returning({ id: planItems.id });
    if (!row) throw new Error("no demo SIP item");
    return row.id;
  };
  const component = await insert({
    level: "component",
    title: "P1 Permanency in 12 months for children entering care",
    fields: {
      measure_code: "P1",
      current_performance:
        "29.9% of children entering care reached permanency within 12 months (national 35.2%).",
    },
  });
  const goal = await insert({
    level: "goal",
    parentId: component,
    title: "Increase permanency within 12 months for children entering care to 35%.",
  });
  const strategy = await insert({
    level: "strategy",
    parentId: goal,
    title: "Hold a family team meeting within 30 days of every removal.",
  });
  await insert({
    level: "milestone",
    parentId: strategy,
    title: "All staff will be trained in family team meeting facilitation.",
    status: "not_started",
    timeframe: "6 months",
    dueDate: `${y + 1}-06-30`,
  });
  await insert({
    level: "milestone",
    parentId: strategy,
    position: 1,
    title: "Family team meeting protocol adopted.",
    status: "not_started",
    timeframe: "3 months",
    dueDate: `${y + 1}-03-31`,
    assigneeText: "SIP team",
  });
  await tx.insert(sipTeamMembers).values(
    TEAM.map((m) => ({
      organizationId: plan.organizationId,
      planId: plan.id,
      name: m.name,
      affiliation: m.affiliation,
      category: "core" as const,
      representative: m.representative,
    })),
  );
  return { sipPlanId: plan.id };
}
