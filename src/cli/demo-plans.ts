/**
 * The two plans of the seed documents, with their real content: the Community Systems Development Work
 * Group plan (seed 000) and the West County Linkages work plan (seed 004). The Linkages plan's dates are
 * moved by whole years so that it starts this year (the seed's year is 2021): the demo then shows live
 * overdue and due-soon work instead of a plan that ended years ago.
 */
import type { Tx } from "../db/client.ts";
import { type ItemStatus, planItems, plans } from "../db/schema/index.ts";
import type { TemplateCatalog } from "../features/templates/templates.service.ts";

interface DemoItem {
  level: string;
  title: string;
  fields?: Record<string, unknown>;
  status?: ItemStatus;
  assigneeText?: string;
  assigneeUser?: string;
  dueDate?: string;
  timeframe?: string;
  children?: DemoItem[];
}

const step = (
  title: string,
  assigneeText: string,
  dueDate: string,
  status: ItemStatus = "not_started",
  assigneeUser?: string,
): DemoItem => ({
  level: "action_step",
  title,
  assigneeText,
  dueDate,
  status,
  ...(assigneeUser ? { assigneeUser } : {}),
});

/** Seed 004's dates are month/day in a 2021–2022 plan year; `y0` and `y1` are those years moved to now. */
function linkagesTopics(y0: number, y1: number, lopez: string): Record<string, DemoItem[]> {
  const d = (year: number, md: string) => `${year}-${md}`;
  const lcs = "M. Lopez & S. Adams (LCs)";
  return {
    program_launch: [
      {
        level: "topic_area_program_launch",
        fields: { topic: "strategic_direction" },
        title:
          "Leadership actions, program operations, staff behavior & client results in the West County office and throughout the agency are guided by a vision, mission & guiding principles for the Linkages program.",
        dueDate: d(y1, "03-31"),
        children: [
          step(
            "Engage with Planning Team to generate V/M/GP that reflects the purpose, approach and desired result of achieving economic stability and child safety for every family.",
            lcs,
            d(y0, "11-14"),
            "completed",
            lopez,
          ),
          step(
            "Refine vision, mission and guiding principles based on stakeholder review.",
            "W. Smith & D. Fox",
            d(y1, "01-15"),
            "in_progress",
          ),
          step(
            "Distribute revised V/M/GP for incorporation into appropriate program documentation and activities, such as Coordinated Case Planning Handbook and Staff Orientation Curriculum.",
            lcs,
            d(y1, "02-15"),
            "not_started",
            lopez,
          ),
          step(
            "Design & produce posters or other formats to communicate the vision, mission and guiding principles to staff, stakeholders and community.",
            "W. Smith & D. Fox",
            d(y1, "03-15"),
          ),
        ],
      },
      {
        level: "topic_area_program_launch",
        fields: { topic: "target_population" },
        title:
          "West County Office families most likely to benefit from Linkages service coordination are being identified by an agreed upon set of eligibility criteria.",
        dueDate: d(y1, "04-30"),
        children: [
          step(
            "Review the characteristics of families currently served by both CalWORKs and Child Welfare.",
            "IT Analyst",
            d(y0, "12-14"),
          ),
          step(
            "Identify circumstances and conditions where client outcomes are negatively impacted by lack of coordination between child welfare services and CalWORKs services.",
            "Planning Team",
            d(y1, "01-15"),
          ),
          step(
            "Assess any legal requirements (or opportunities) for service coordination (AB 429, CalWORKs diversion, DV assessment in CalWORKs).",
            "LCs & County Counsel",
            d(y1, "02-15"),
          ),
          step(
            "Define initial target population(s) for West County Office.",
            "Planning Team",
            d(y1, "03-15"),
          ),
          step(
            "Draft eligibility criteria for each target population defined.",
            "B. Sawyer, A. Day & Policy Analysts",
            d(y1, "04-15"),
          ),
        ],
      },
    ],
    practice_development: [
      {
        level: "topic_area_practice_development",
        fields: { topic: "client_identification" },
        title:
          "West County Office staff are utilizing an intake screening tool & protocols to identify eligible families for participation in Linkages.",
        dueDate: d(y1, "06-30"),
        children: [
          step(
            "Based on organizational structure selected for Linkages program, interview staff performing initial screener role to analyze current intake screening procedure.",
            "G. Simons & L. Bonita",
            d(y1, "01-15"),
          ),
          step(
            "Identify decision points during intake process where eligibility for Linkages would be made.",
            "G. Simons & L. Bonita",
            d(y1, "01-15"),
          ),
          step(
            "Recommend modifications to current intake screening protocols & tools to support identification of Linkages families.",
            "Planning Team",
            d(y1, "02-15"),
          ),
          step(
            "Develop prototype protocols and tools for field testing.",
            "B. Sawyer, A. Day & Policy Analysts",
            d(y1, "02-15"),
          ),
          step("Conduct field test of protocols and tools.", "West County Intake Screeners", d(y1, "03-15")),
          step(
            "Refine protocols and tools based on field test results.",
            "B. Sawyer, A. Day & Policy Analysts",
            d(y1, "06-15"),
          ),
        ],
      },
      {
        level: "topic_area_practice_development",
        fields: { topic: "coordinated_case_planning_protocols" },
        title:
          "Linkages families in West County Office have coordinated case plans to increase access to benefits, leverage resources and eliminate conflicting case plan expectations.",
        dueDate: d(y1, "09-30"),
        children: [
          step(
            "Explore Linkages Toolkit to identify 1 – 3 Linkages counties who currently serve similar target populations.",
            lcs,
            d(y1, "03-15"),
            "not_started",
            lopez,
          ),
          step(
            "Engage with peer counties to review coordinated case planning protocols (e.g., consult with Linkages Coordinators, review program documentation, discuss impact on clients & families).",
            "L. Maddox, J. Tyler & LCs",
            d(y1, "05-15"),
          ),
          step(
            "Assess existing case planning practice in West County Office to identify decision points that can trigger coordination, supervisory support needed to reinforce coordination & communication channels for feedback & coordinated plan updates throughout family's involvement in Linkages.",
            "L. Maddox, J. Tyler, West County Office Managers",
            d(y1, "06-15"),
          ),
          step(
            "Develop draft coordinated case planning protocols and circulate for stakeholder review.",
            "L. Maddox, J. Tyler & Policy Analysts",
            d(y1, "08-15"),
          ),
          step(
            "Finalize coordinated case planning protocols based on stakeholder input.",
            "L. Maddox, J. Tyler & Policy Analysts",
            d(y1, "09-15"),
          ),
        ],
      },
      {
        level: "topic_area_practice_development",
        fields: { topic: "confidentiality" },
        title:
          "West County Office personnel adhere to a confidentiality policy that guides information sharing regarding Linkages families between CalWORKs and Child Welfare Services for the purposes of service coordination.",
        dueDate: d(y1, "06-30"),
        children: [
          step(
            "Review current information sharing policies & protocols of county's CalWORKs and Child Welfare Services operations to identify inconsistencies and gaps in ensuring client privacy protections.",
            "Policy Analysts",
            d(y1, "01-15"),
          ),
          step(
            "Outreach to peer counties to research confidentiality policies & practices used by other Linkages counties.",
            lcs,
            d(y1, "01-15"),
            "in_progress",
            lopez,
          ),
          step(
            "Develop consistent, standard confidentiality protocols that can be applied to Linkages families; circulate to stakeholders for review & comment.",
            "L. Maddox, J. Tyler & Policy Analysts",
            d(y1, "02-15"),
          ),
          step(
            "Submit revised confidentiality protocols to county counsel for review & approval.",
            "LCs & County Counsel",
            d(y1, "03-15"),
          ),
          step(
            "Develop training module for supervisors and caseworkers on confidentiality policy & protocols.",
            "B. Sawyer, A. Day & Policy Analysts",
            d(y1, "06-15"),
          ),
        ],
      },
    ],
    administration: [
      {
        level: "topic_area_administration",
        fields: { topic: "staff_training" },
        title:
          "West County Office personnel are oriented to the values & principles of Linkages and have the introductory knowledge and skills necessary to implement Linkages service coordination practice in their location.",
        dueDate: d(y1, "11-30"),
        children: [
          step("Determine target audiences for training curriculum.", "Planning Team", d(y1, "06-15")),
          step(
            "Review basic orientation training materials available on Linkages Toolkit & adapt to fit our county's needs.",
            lcs,
            d(y1, "06-15"),
            "not_started",
            lopez,
          ),
          step(
            "Identify & prepare trainers (members of Planning Team).",
            lcs,
            d(y1, "07-15"),
            "not_started",
            lopez,
          ),
          step(
            "Schedule training session dates, times & locations.",
            "Staff Dev. & Training",
            d(y1, "07-15"),
          ),
          step(
            "Communicate training in advance to encourage attendance.",
            "Staff Dev. & Training",
            d(y1, "08-15"),
          ),
          step(
            "Design simple evaluation form to be completed by attendees at end of training.",
            "Planning Team & Staff Dev. & Trng",
            d(y1, "08-15"),
          ),
          step("Deliver training sessions (Oct 15 – Nov 15).", "Trainers", d(y1, "11-15")),
        ],
      },
    ],
  };
}

const action = (
  title: string,
  assigneeText: string,
  timeframe: string,
  status: ItemStatus = "in_progress",
): DemoItem => ({
  level: "action_step",
  title,
  assigneeText,
  timeframe,
  status,
});
const deliverable = (
  title: string,
  assigneeText: string,
  result: string,
  status: ItemStatus,
  timeframe?: string,
): DemoItem => ({
  level: "deliverable",
  title,
  assigneeText,
  fields: result ? { result } : {},
  status,
  ...(timeframe ? { timeframe } : {}),
});

const WORK_GROUP_GOALS: DemoItem[] = [
  {
    level: "goal",
    title:
      "Advise the Home Visiting Task Force (HVTF) and the ARRA State Advisory Council Grant process in developing and implementing a technical assistance model to support and enhance the work of new and existing local collaborative partnerships",
    children: [
      {
        level: "objective",
        title:
          "Develop and provide high quality technical assistance to communities with a big tent approach that helps them; 1) Build and/or enhance their collaborative partnership 2) Choose and implement the evidence-based home visitation model that best fit their needs",
        children: [
          action(
            "Building on the existing Strong Foundation's TA model, use a lead consultant model to build a cadre of professionals that will carry out the technical assistance work of this support system to ensure local access.",
            "CSDWG SF grantee and SAC grantee",
            "Ongoing",
          ),
          action(
            "Building on the existing SF model, conduct two levels of community outreach utilizing existing toolkits: the Awareness Level Outreach to get all the communities aware of and engaged in the concept of community partnerships; and the Implementation Outreach Level to provide local technical assistance to facilitate the building and strengthening of a communities partnership.",
            "CSDWG SF and SAC grantee",
            "Ongoing",
          ),
          action(
            "Working with selected communities, consider the coordination and collaboration that exists to support home visiting, complete appropriate needs assessments to support home visiting implementation and develop collaboration plans driving systemic change.",
            "SF grantee",
            "",
            "not_started",
          ),
          deliverable(
            "The Early Childhood Community Systems Development Toolkit was created to provide a range of new and/or existing community partnerships in Illinois with a cadre of tools to develop and sustain their partnership.",
            "CSDWG",
            "Completed",
            "completed",
          ),
          deliverable(
            "The Resource Toolkit for Home Visiting Programs Serving Infants, Toddlers and Their Families: Implementing a Research-Based Model was created to help communities and programs/partnerships become familiar with research-based home visiting models and with the existing infrastructure and support in Illinois to implement the program.",
            "CSDWG",
            "Completed",
            "completed",
          ),
          deliverable(
            "Statewide awareness level trainings on collaboration and systems development.",
            "SF grantee",
            "7 completed",
            "completed",
          ),
          deliverable(
            "Implementation level technical assistance offered to individual communities",
            "SF grantee",
            "2 communities participated",
            "in_progress",
          ),
          deliverable(
            "Evaluation data from statewide awareness trainings analyzed and used to guide next steps of CSDWG.",
            "CSDWG",
            "Reported completed",
            "completed",
          ),
        ],
      },
    ],
  },
  {
    level: "goal",
    title:
      "Create and recommend mechanisms that fund broad-based state to local partnership efforts to build and sustain community level systems.",
    children: [
      {
        level: "objective",
        title:
          "Develop ELC recommendation on a state to local funding model dedicated to assisting local partnerships in their work.",
        children: [
          action(
            "Develop shared/common language on the core functions of community partnerships/collaboration to inform the local funding model",
            "CSDWG/Staffer",
            "March/April 2011",
          ),
          action(
            "Conduct research on existing IL models as well as other state models and analyze strengths and gaps of each.",
            "CSDWG/Staffer",
            "Ongoing",
          ),
          action(
            "Present research and draft recommendation to Work Group, and Infant Toddler Committee for feedback and review.",
            "Chair/Staffer",
            "March/April 2011",
            "not_started",
          ),
          action("Present final recommendation to the ELC", "Chair", "June 2011", "not_started"),
          deliverable("ELC approval of work group recommendation", "Chair", "", "not_started", "June 2011"),
          deliverable(
            "Work with OECD to integrate recommendation across multiple state systems",
            "Chair/Staffer",
            "",
            "not_started",
            "Ongoing",
          ),
        ],
      },
    ],
  },
  {
    level: "goal",
    title: "Define and recommend key elements of a sustainable and effective referral and follow up system",
    children: [
      {
        level: "objective",
        title:
          "Building on existing initiatives (ABCD III, Project Launch) and the work of the TA support system, create key criteria/elements of various referral and follow up models",
        children: [
          action("TBD", "", "", "not_started"),
          action("TBD", "", "", "not_started"),
          action("TBD", "", "", "not_started"),
          deliverable("TBD", "", "TBD", "not_started"),
        ],
      },
    ],
  },
];

async function insertTree(
  tx: Tx,
  base: { organizationId: string; planId: string },
  section: string,
  nodes: DemoItem[],
  parentId: string | null,
  users: Map<string, string>,
) {
  for (const [position, node] of nodes.entries()) {
    const [row] = await tx
      .insert(planItems)
      .values({
        ...base,
        parentId,
        section,
        level: node.level,
        position,
        title: node.title,
        fields: node.fields ?? {},
        status: node.status ?? null,
        assigneeText: node.assigneeText || null,
        assigneeUserId: node.assigneeUser ? (users.get(node.assigneeUser) ?? null) : null,
        dueDate: node.dueDate ?? null,
        timeframe: node.timeframe || null,
        completedAt: node.status === "completed" ? new Date() : null,
      })
      .returning({ id: planItems.id });
    if (row && node.children) await insertTree(tx, base, section, node.children, row.id, users);
  }
}

export async function seedDemoPlans(
  tx: Tx,
  options: {
    templates: TemplateCatalog;
    orgIds: Map<string, string>;
    userIds: Map<string, string>;
    year: number;
  },
) {
  const linkages = options.templates.latest("linkages-work-plan");
  const partnership = options.templates.latest("partnership-work-plan");
  const county = options.orgIds.get("westcw") ?? options.orgIds.get("anycws");
  const workGroup = options.orgIds.get("csdwg");
  if (!linkages || !partnership || !county || !workGroup)
    throw new Error("demo plans need their templates and organizations");
  const y0 = options.year;
  const y1 = y0 + 1;

  const [linkagesPlan] = await tx
    .insert(plans)
    .values({
      organizationId: options.orgIds.get("anycws") ?? county,
      templateKey: linkages.key,
      templateVersion: linkages.version,
      template: linkages,
      title: "West County Linkages Work Plan",
      periodStart: `${y0}-11-21`,
      periodEnd: `${y1}-11-20`,
      values: {
        header: {
          county: "Any County, CA",
          contacts: [
            { name: "Michael Lopez", phone: "615 321-4567", email: "mlopez@anycounty.gov" },
            { name: "Sheila Adams", phone: "615 543-9102", email: "sadams@anycounty.gov" },
          ],
          date: `${y0}-11-21`,
          linkages_goal:
            "To enhance service coordination between CalWORKs and Child Welfare in the West County Office to help families achieve economic stability and ensure child safety.",
        },
        sections: {},
      },
    })
    .returning();
  if (!linkagesPlan) throw new Error("no Linkages plan");
  const base = { organizationId: linkagesPlan.organizationId, planId: linkagesPlan.id };
  for (const [section, topics] of Object.entries(linkagesTopics(y0, y1, "planner@anycounty.example"))) {
    await insertTree(tx, base, section, topics, null, options.userIds);
  }

  const [workPlan] = await tx
    .insert(plans)
    .values({
      organizationId: workGroup,
      templateKey: partnership.key,
      templateVersion: partnership.version,
      template: partnership,
      title: "Community Systems Development Work Group Work Plan",
      values: {
        header: {
          work_group: "Community Systems Development Work Group (CSDWG)",
          description:
            "The Community Systems Development Work Group (CSDWG), of the Infant Toddler Committee of the Early Learning Council was jointly created with the Oversight and Coordination Committee of the Early Learning Council, the Government Interagency Team of the Birth to Five Project and the Home Visiting Task Force.",
          charge:
            "To support local community partnerships in serving young children and their families across the state by assisting partnerships in improving coordination across early childhood programs and services at the local level.",
        },
        sections: {},
      },
    })
    .returning();
  if (!workPlan) throw new Error("no work group plan");
  await insertTree(
    tx,
    { organizationId: workGroup, planId: workPlan.id },
    "goals",
    WORK_GROUP_GOALS,
    null,
    options.userIds,
  );
  return { linkagesPlanId: linkagesPlan.id, workPlanId: workPlan.id };
}
