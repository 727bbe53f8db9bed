/**
 * Plans for the export tests, built with presentPlan() from hand-made item rows whose content comes from
 * the seed documents: the CSDWG work plan (seed 000), the Linkages work plan (seed 004) and a SIP
 * component (seed 002).
 */
import type { ItemStatus } from "../db/schema/plans.ts";
import { type ItemRow, type PlanDocument, presentPlan } from "../features/plans/plans.presenter.ts";
import { loadTemplates } from "../features/templates/templates.service.ts";

const templates = loadTemplates();
const TODAY = "2021-12-01";
const STAMP = new Date("2021-11-21T17:00:00Z");

interface ItemInput {
  id: string;
  parentId?: string;
  section: string;
  level: string;
  position: number;
  title: string;
  fields?: Record<string, unknown>;
  status?: ItemStatus | null;
  assigneeText?: string;
  assigneeUserName?: string;
  dueDate?: string;
  timeframe?: string;
}

export function itemRow(input: ItemInput): ItemRow {
  return {
    id: input.id,
    parentId: input.parentId ?? null,
    section: input.section,
    level: input.level,
    position: input.position,
    title: input.title,
    fields: input.fields ?? {},
    status: input.status === undefined ? null : input.status,
    assigneeUserId: input.assigneeUserName ? `user-${input.id}` : null,
    assigneeUserName: input.assigneeUserName ?? null,
    assigneeOrganizationId: null,
    assigneeOrganizationName: null,
    assigneeText: input.assigneeText ?? null,
    dueDate: input.dueDate ?? null,
    timeframe: input.timeframe ?? null,
    completedAt: input.status === "completed" ? STAMP : null,
    version: 1,
    updatedAt: STAMP,
  };
}

export function buildPlan(options: {
  templateKey: string;
  title: string;
  header: Record<string, unknown>;
  sections?: Record<string, Record<string, unknown>>;
  periodStart?: string;
  periodEnd?: string;
  items: ItemRow[];
}): PlanDocument {
  const template = templates.latest(options.templateKey);
  if (!template) throw new Error(`no template ${options.templateKey}`);
  return presentPlan(
    {
      id: `plan-${options.templateKey}`,
      organizationId: "org-any-county",
      organizationName: "Any County",
      title: options.title,
      status: "draft",
      version: 1,
      templateKey: template.key,
      templateVersion: template.version,
      template,
      values: { header: options.header, sections: options.sections ?? {} },
      periodStart: options.periodStart ?? null,
      periodEnd: options.periodEnd ?? null,
      createdAt: STAMP,
      updatedAt: STAMP,
    },
    options.items,
    "owner",
    TODAY,
  );
}

const step = (input: Omit<ItemInput, "section" | "level">): ItemInput => ({
  status: "not_started",
  ...input,
  section: "goals",
  level: "action_step",
});
const deliverable = (input: Omit<ItemInput, "section" | "level">): ItemInput => ({
  status: "not_started",
  ...input,
  section: "goals",
  level: "deliverable",
});

/** Seed 000's deliverables of Objective I: title, responsibility, status, result. */
const OBJECTIVE_I_DELIVERABLES: [string, string, ItemStatus, string | null][] = [
  ["The Early Childhood Community Systems Development Toolkit was created.", "CSDWG", "completed", null],
  [
    "The Resource Toolkit for Home Visiting Programs Serving Infants, Toddlers and Their Families.",
    "CSDWG",
    "completed",
    null,
  ],
  [
    "Statewide awareness level trainings on collaboration and systems development.",
    "SF grantee",
    "completed",
    "7 completed",
  ],
  [
    "Implementation level technical assistance offered to individual communities",
    "SF grantee",
    "in_progress",
    "2 communities participated",
  ],
  [
    "Evaluation data from statewide awareness trainings analyzed and used to guide next steps of CSDWG.",
    "CSDWG",
    "completed",
    "Reported completed",
  ],
];

/** Seed 000: Goal 1 and Objective I with its three action steps and five deliverables; Objective II. */
export function partnershipPlan(): PlanDocument {
  const items: ItemInput[] = [
    {
      id: "g1",
      section: "goals",
      level: "goal",
      position: 1,
      title:
        "Advise the Home Visiting Task Force (HVTF) and the ARRA State Advisory Council Grant process in developing and implementing a technical assistance model to support and enhance the work of new and existing local collaborative partnerships",
    },
    {
      id: "o1",
      parentId: "g1",
      section: "goals",
      level: "objective",
      position: 1,
      title:
        "Develop and provide high quality technical assistance to communities with a big tent approach that helps them; 1) Build and/or enhance their collaborative partnership 2) Choose and implement the evidence-based home visitation model that best fit their needs",
    },
    step({
      id: "o1-s1",
      parentId: "o1",
      position: 1,
      title:
        "Building on the existing Strong Foundation's TA model, use a lead consultant model to build a cadre of professionals that will carry out the technical assistance work of this support system to ensure local access.",
      assigneeText: "CSDWG SF grantee and SAC grantee",
      timeframe: "Ongoing",
      status: "in_progress",
    }),
    step({
      id: "o1-s2",
      parentId: "o1",
      position: 2,
      title:
        "Building on the existing SF model, conduct two levels of community outreach utilizing existing toolkits",
      assigneeText: "CSDWG SF and SAC grantee",
      timeframe: "Ongoing",
    }),
    step({
      id: "o1-s3",
      parentId: "o1",
      position: 3,
      title:
        "Working with selected communities, consider the coordination and collaboration that exists to support home visiting, complete appropriate needs assessments to support home visiting implementation and develop collaboration plans driving systemic change",
      assigneeText: "SF grantee",
      dueDate: "2011-06-30",
    }),
    ...OBJECTIVE_I_DELIVERABLES.map(([title, assigneeText, status, result], i) =>
      deliverable({
        id: `o1-d${i + 1}`,
        parentId: "o1",
        // Positions are shared by all the children of an item: the deliverables follow the three steps.
        position: 4 + i,
        title,
        assigneeText,
        status,
        ...(result ? { fields: { result } } : {}),
      }),
    ),
    {
      id: "g2",
      section: "goals",
      level: "goal",
      position: 2,
      title:
        "Create and recommend mechanisms that fund broad-based state to local partnership efforts to build and sustain community level systems.",
    },
    {
      id: "o2",
      parentId: "g2",
      section: "goals",
      level: "objective",
      position: 1,
      title:
        "Develop ELC recommendation on a state to local funding model dedicated to assisting local partnerships in their work.",
    },
    step({
      id: "o2-s1",
      parentId: "o2",
      position: 1,
      title:
        "Develop shared/common language on the core functions of community partnerships/collaboration to inform the local funding model",
      assigneeText: "CSDWG/Staffer",
      timeframe: "March/April 2011",
    }),
  ];
  return buildPlan({
    templateKey: "partnership-work-plan",
    title: "Community Systems Development Work Group Work Plan",
    header: {
      work_group: "Community Systems Development Work Group",
      description:
        "The Community Systems Development Work Group (CSDWG), of the Infant Toddler Committee of the Early Learning Council was jointly created with the Oversight and Coordination Committee of the Early Learning Council.",
      charge:
        "To support local community partnerships in serving young children and their families across the state by assisting partnerships in improving coordination across early childhood programs and services at the local level.",
    },
    items: items.map(itemRow),
  });
}

export const LINKAGES_STEPS = [
  {
    title:
      "Engage with Planning Team to generate V/M/GP that reflects the purpose, approach and desired result of achieving economic stability and child safety for every family.",
    assignee: "M. Lopez & S. Adams (LCs)",
    dueDate: "2021-11-14",
  },
  {
    title: "Refine vision, mission and guiding principles based on stakeholder review.",
    assignee: "W. Smith & D. Fox",
    dueDate: "2022-01-15",
  },
  {
    title:
      "Distribute revised V/M/GP for incorporation into appropriate program documentation and activities, such as Coordinated Case Planning Handbook and Staff Orientation Curriculum.",
    assignee: "M. Lopez & S. Adams (LCs)",
    dueDate: "2022-02-15",
  },
  {
    title:
      "Design & produce posters or other formats to communicate the vision, mission and guiding principles to staff, stakeholders and community.",
    assignee: "W. Smith & D. Fox",
    dueDate: "2022-03-15",
  },
];

export const LINKAGES_OBJECTIVE =
  "Leadership actions, program operations, staff behavior & client results in the West County office and throughout the agency are guided by a vision, mission & guiding principles for the Linkages program.";

/** Seed 004: the header, the Linkages goal and the Strategic Direction topic area with its 4 action steps. */
export function linkagesPlan(): PlanDocument {
  const items: ItemInput[] = [
    {
      id: "t1",
      section: "program_launch",
      level: "topic_area_program_launch",
      position: 1,
      title: LINKAGES_OBJECTIVE,
      fields: { topic: "strategic_direction" },
      dueDate: "2022-03-31",
    },
    ...LINKAGES_STEPS.map((s, i) => ({
      id: `t1-s${i + 1}`,
      parentId: "t1",
      section: "program_launch",
      level: "action_step",
      position: i + 1,
      title: s.title,
      assigneeText: s.assignee,
      dueDate: s.dueDate,
      status: "not_started" as const,
    })),
  ];
  return buildPlan({
    templateKey: "linkages-work-plan",
    title: "Any County Linkages Work Plan",
    header: {
      county: "Any County, CA",
      contacts: [
        { name: "Michael Lopez", phone: "615 321-4567", email: "mlopez@anycounty.gov" },
        { name: "Sheila Adams", phone: "615 543-9102", email: "sadams@anycounty.gov" },
      ],
      date: "2021-11-21",
      linkages_goal:
        "To enhance service coordination between CalWORKs and Child Welfare in the West County Office to help families achieve economic stability and ensure child safety.",
    },
    periodStart: "2021-12-01",
    periodEnd: "2022-11-30",
    items: items.map(itemRow),
  });
}

/** Seed 002: a SIP with 1 component × 1 improvement goal × 2 strategies × 2 milestones. */
export function sipPlan(): PlanDocument {
  const sip = (level: string, id: string, parentId: string | undefined, position: number, title: string) => ({
    section: "components",
    level,
    id,
    ...(parentId ? { parentId } : {}),
    position,
    title,
  });
  const items: ItemInput[] = [
    {
      ...sip("component", "c1", undefined, 1, "Reunification within 12 months"),
      fields: {
        measure_code: "C1.1",
        current_performance: "48.2% of children reunified within 12 months (Quarter ending June 30, 2003).",
        probation: true,
      },
    },
    sip("goal", "c1-g1", "c1", 1, "Increase timely reunification to 55% by 2009."),
    {
      ...sip("strategy", "c1-g1-s1", "c1-g1", 1, "Hold family team meetings within 30 days of placement."),
      fields: { rationale: "Early engagement of families shortens time to reunification." },
    },
    {
      ...sip("milestone", "c1-g1-s1-m1", "c1-g1-s1", 1, "Train family team meeting facilitators."),
      timeframe: "Oct 2004 – Mar 2005",
      assigneeUserName: "Maria Chen",
      status: "completed",
    },
    {
      ...sip("milestone", "c1-g1-s1-m2", "c1-g1-s1", 2, "Hold meetings for all new placements."),
      dueDate: "2005-06-30",
      assigneeText: "CWS program manager",
      status: "in_progress",
    },
    {
      ...sip("strategy", "c1-g1-s2", "c1-g1", 2, "Expand parent partner mentoring."),
      fields: { rationale: "Parents who have reunified help others navigate the case plan." },
    },
    {
      ...sip("milestone", "c1-g1-s2-m1", "c1-g1-s2", 1, "Hire two parent partners."),
      timeframe: "By Dec 2005",
      assigneeText: "Deputy director",
      status: "not_started",
    },
    {
      ...sip("milestone", "c1-g1-s2-m2", "c1-g1-s2", 2, "Match every reunifying parent with a mentor."),
      dueDate: "2006-06-30",
      assigneeText: "Parent partner lead",
      status: "deferred",
    },
  ];
  return buildPlan({
    templateKey: "county-sip",
    title: "Any County System Improvement Plan 2004–2009",
    header: {
      county: "Any County",
      responsible_agency: "Any County Department of Social Services",
      period_of_outcomes_data: "Quarter ending June 30, 2003",
      date_submitted: "2004-09-30",
      contact_name: "Jane Rivera",
      contact_title: "Program Manager",
      contact_address: "100 Main Street, Any City, CA",
      contact_phone_email: "555 010-2000 / jrivera@anycounty.gov",
      cws_director_name: "Robert Kim",
      chief_probation_officer_name: "Ana Ortiz",
      youth_connection_available: true,
    },
    sections: {
      narrative: {
        local_planning_bodies: "The SIP team met monthly with the Children's Council and tribal partners.",
      },
      closing: { roles_of_partners: "Community partners host family team meetings." },
    },
    periodStart: "2004-10-01",
    periodEnd: "2009-09-30",
    items: items.map(itemRow),
  });
}
