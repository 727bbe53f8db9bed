import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type HsdsRecord, organizations, users } from "../../db/schema/index.ts";
import { actorInOrganization } from "../../server/authorization.ts";
import { importHsds } from "./directory.import.ts";
import { HSDS_DIR } from "./hsds.schemas.ts";

/**
 * Demo directory data: the official HSDS 3.0 examples, plus a few dozen services in (fictional) Any County,
 * written for Trellis. Ids are derived from names, so seeding twice gives the same ids.
 */

/** A stable UUID (version 5 layout) from a name. */
export function demoId(name: string): string {
  const h = createHash("sha1").update(`trellis-directory:${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

const TAXONOMY = {
  id: demoId("taxonomy"),
  name: "Any County service categories",
  description: "Categories the Any County system of care uses to find services for children and families.",
  uri: "https://trellis.example/taxonomy/any-county",
  version: "1",
};

const TERMS: Record<string, { name: string; description: string }> = {
  frc: {
    name: "Family resource center",
    description: "Neighborhood hubs for family support, parenting and linkage.",
  },
  home_visiting: {
    name: "Home visiting",
    description: "Voluntary visits at home for expectant parents and families with young children.",
  },
  ehs: {
    name: "Early Head Start",
    description: "Early learning and family support for infants, toddlers and pregnant women.",
  },
  housing: { name: "Housing", description: "Shelter, rental help and housing navigation." },
  food: { name: "Food", description: "Food pantries, meals and nutrition help." },
  behavioral: { name: "Behavioral health", description: "Mental health and substance use services." },
  calworks: {
    name: "CalWORKs",
    description: "Cash aid and welfare-to-work services for families with children.",
  },
  parenting: { name: "Parenting education", description: "Classes and groups for parents and caregivers." },
  childcare: { name: "Child care", description: "Child care and help paying for it." },
};

interface Place {
  key: string;
  name: string;
  address: string;
  city: string;
  postal: string;
  lat: number;
  lng: number;
}

const PLACES: Place[] = [
  {
    key: "harbor",
    name: "Harbor Family Resource Center",
    address: "120 Harbor Way",
    city: "Harbor City",
    postal: "95901",
    lat: 39.1404,
    lng: -121.6169,
  },
  {
    key: "riverside",
    name: "Riverside Community Hub",
    address: "45 River Road",
    city: "Riverside Flats",
    postal: "95903",
    lat: 39.1021,
    lng: -121.5583,
  },
  {
    key: "oakview",
    name: "Oakview Neighborhood Center",
    address: "800 Oak Street",
    city: "Oakview",
    postal: "95961",
    lat: 39.0662,
    lng: -121.5391,
  },
  {
    key: "civic",
    name: "Any County Human Services Center",
    address: "1 Civic Center Plaza",
    city: "Harbor City",
    postal: "95901",
    lat: 39.1436,
    lng: -121.6208,
  },
  {
    key: "hills",
    name: "Foothill Family Place",
    address: "22 Ridge Lane",
    city: "Pine Hills",
    postal: "95918",
    lat: 39.2741,
    lng: -121.2986,
  },
  {
    key: "valley",
    name: "Valley Wellness Clinic",
    address: "310 Valley Avenue",
    city: "Oakview",
    postal: "95961",
    lat: 39.0718,
    lng: -121.5477,
  },
  {
    key: "eastside",
    name: "Eastside Early Learning Campus",
    address: "77 East Main Street",
    city: "Harbor City",
    postal: "95902",
    lat: 39.1367,
    lng: -121.5912,
  },
];

interface DemoService {
  name: string;
  org: string;
  term: keyof typeof TERMS;
  place: string[];
  description: string;
  eligibility: string;
  languages: string[];
  phone: string;
  hours: { days: string; opens: string; closes: string };
  fees?: string;
}

const WEEKDAYS = "MO,TU,WE,TH,FR";

const SERVICES: DemoService[] = [
  {
    name: "Family Support Coordination",
    org: "Harbor Family Resource Center",
    term: "frc",
    place: ["harbor"],
    description:
      "A family support coordinator works with the family on an assessment of strengths and needs, a service plan, linkage to services and follow-up until the family is ready to move on.",
    eligibility: "Families with children under 18 living in Any County.",
    languages: ["en", "es"],
    phone: "530-555-0101",
    hours: { days: WEEKDAYS, opens: "08:30", closes: "17:00" },
  },
  {
    name: "Parent Cafés",
    org: "Harbor Family Resource Center",
    term: "parenting",
    place: ["harbor", "riverside"],
    description:
      "Peer conversations for parents and caregivers about protective factors: resilience, connections, knowledge of parenting and child development, concrete support.",
    eligibility: "Any parent or caregiver.",
    languages: ["en", "es"],
    phone: "530-555-0102",
    hours: { days: "TU,TH", opens: "17:30", closes: "19:30" },
  },
  {
    name: "Emergency Diapers and Baby Supplies",
    org: "Harbor Family Resource Center",
    term: "frc",
    place: ["harbor"],
    description:
      "Diapers, wipes, formula and car seats for families in need, with linkage to WIC and CalFresh.",
    eligibility: "Families with children under 3.",
    languages: ["en", "es", "hmn"],
    phone: "530-555-0103",
    hours: { days: WEEKDAYS, opens: "09:00", closes: "16:00" },
  },
  {
    name: "Riverside Family Resource Center Drop-in",
    org: "Riverside Community Hub",
    term: "frc",
    place: ["riverside"],
    description:
      "Drop-in help with applications, referrals, computer access and a family room with activities for young children.",
    eligibility: "Everyone welcome.",
    languages: ["en", "es", "pa"],
    phone: "530-555-0111",
    hours: { days: "MO,TU,WE,TH,FR,SA", opens: "09:00", closes: "18:00" },
  },
  {
    name: "Foothill Family Place Resource Center",
    org: "Foothill Family Place",
    term: "frc",
    place: ["hills"],
    description:
      "The family resource center for the foothill communities: case management, parenting groups, transportation help and a clothing closet.",
    eligibility: "Families in the Pine Hills area.",
    languages: ["en"],
    phone: "530-555-0121",
    hours: { days: "MO,WE,FR", opens: "09:00", closes: "15:00" },
  },
  {
    name: "Healthy Families Home Visiting",
    org: "Any County Public Health",
    term: "home_visiting",
    place: ["civic"],
    description:
      "Weekly home visits by trained family support workers from pregnancy until the child is three: bonding, child development, health and connection to services.",
    eligibility: "Expectant parents and families with a newborn under 3 months, Any County residents.",
    languages: ["en", "es"],
    phone: "530-555-0131",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "Nurse-Family Partnership",
    org: "Any County Public Health",
    term: "home_visiting",
    place: ["civic"],
    description:
      "Registered nurses visit first-time mothers at home from early pregnancy until the child's second birthday.",
    eligibility: "First-time pregnant women before the 28th week, income eligible for Medi-Cal.",
    languages: ["en", "es"],
    phone: "530-555-0132",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "Parents as Teachers",
    org: "Harbor Family Resource Center",
    term: "home_visiting",
    place: ["harbor", "hills"],
    description:
      "Parent educators visit families twice a month with activities that support early learning and school readiness, plus group connections and screenings.",
    eligibility: "Families with children prenatal to kindergarten.",
    languages: ["en", "es"],
    phone: "530-555-0104",
    hours: { days: WEEKDAYS, opens: "08:30", closes: "17:00" },
  },
  {
    name: "Early Head Start Center-Based Program",
    org: "Any County Office of Education",
    term: "ehs",
    place: ["eastside"],
    description:
      "Full-day early learning for infants and toddlers with health, nutrition and family support services.",
    eligibility:
      "Children under 3 in families at or below the federal poverty guidelines, foster children, families experiencing homelessness, or receiving CalWORKs.",
    languages: ["en", "es"],
    phone: "530-555-0141",
    hours: { days: WEEKDAYS, opens: "07:30", closes: "17:30" },
  },
  {
    name: "Early Head Start Home-Based Option",
    org: "Any County Office of Education",
    term: "ehs",
    place: ["eastside", "oakview"],
    description:
      "Weekly home visits and twice-monthly socializations for pregnant women and families with infants and toddlers.",
    eligibility: "Pregnant women and children under 3 in income-eligible families.",
    languages: ["en", "es", "hmn"],
    phone: "530-555-0142",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "16:30" },
  },
  {
    name: "State Preschool and Head Start Enrollment",
    org: "Any County Office of Education",
    term: "childcare",
    place: ["eastside"],
    description: "One place to apply for Head Start, California State Preschool and subsidized child care.",
    eligibility: "Children 3 to 5; income guidelines apply.",
    languages: ["en", "es"],
    phone: "530-555-0143",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "Child Care Resource and Referral",
    org: "Any County Child Care Council",
    term: "childcare",
    place: ["civic"],
    description:
      "Help finding licensed child care, information on paying for care, and the Alternative Payment Program.",
    eligibility: "Any parent looking for child care.",
    languages: ["en", "es", "zh"],
    phone: "530-555-0151",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "Family Emergency Shelter",
    org: "Harbor House",
    term: "housing",
    place: ["harbor"],
    description:
      "Emergency shelter for families with children, with meals, case management and help finding permanent housing.",
    eligibility: "Families with children experiencing homelessness. Call for bed availability.",
    languages: ["en", "es"],
    phone: "530-555-0161",
    hours: { days: "MO,TU,WE,TH,FR,SA,SU", opens: "00:00", closes: "23:59" },
  },
  {
    name: "Rapid Rehousing for Families",
    org: "Harbor House",
    term: "housing",
    place: ["harbor"],
    description:
      "Short-term rental assistance, deposits and housing navigation to move families quickly from homelessness into housing.",
    eligibility:
      "Families with children who are homeless; CalWORKs families through the Housing Support Program.",
    languages: ["en", "es"],
    phone: "530-555-0162",
    hours: { days: WEEKDAYS, opens: "09:00", closes: "17:00" },
  },
  {
    name: "Bringing Families Home",
    org: "Any County Child Welfare Services",
    term: "housing",
    place: ["civic"],
    description:
      "Housing help for families in the child welfare system to reunify or avoid foster care placement.",
    eligibility: "Families with an open child welfare case who are homeless or at risk of homelessness.",
    languages: ["en", "es"],
    phone: "530-555-0171",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "Tenant Rights Clinic",
    org: "Legal Services of Any County",
    term: "housing",
    place: ["riverside"],
    description: "Free advice on evictions, repairs and rent increases.",
    eligibility: "Low-income tenants in Any County.",
    languages: ["en", "es", "vi"],
    phone: "530-555-0181",
    hours: { days: "WE", opens: "13:00", closes: "17:00" },
  },
  {
    name: "Community Food Pantry",
    org: "Any County Food Bank",
    term: "food",
    place: ["riverside", "oakview"],
    description: "Groceries including fresh produce, once a week per household.",
    eligibility: "Anyone in need; no documents required.",
    languages: ["en", "es"],
    phone: "530-555-0191",
    hours: { days: "TU,TH,SA", opens: "10:00", closes: "14:00" },
  },
  {
    name: "CalFresh Application Help",
    org: "Any County Food Bank",
    term: "food",
    place: ["riverside", "civic"],
    description: "Help applying for CalFresh food benefits, on the phone or in person.",
    eligibility: "Any County residents.",
    languages: ["en", "es", "pa", "hmn"],
    phone: "530-555-0192",
    hours: { days: WEEKDAYS, opens: "09:00", closes: "17:00" },
  },
  {
    name: "WIC Nutrition Program",
    org: "Any County Public Health",
    term: "food",
    place: ["civic", "oakview"],
    description:
      "Healthy food, breastfeeding support and nutrition education for pregnant women and young children.",
    eligibility: "Pregnant and postpartum women, infants and children under 5; income guidelines apply.",
    languages: ["en", "es"],
    phone: "530-555-0133",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "Summer Meals for Kids",
    org: "Any County Office of Education",
    term: "food",
    place: ["eastside", "oakview"],
    description: "Free breakfast and lunch for children and teens during summer break.",
    eligibility: "Children and teens 18 and under.",
    languages: ["en", "es"],
    phone: "530-555-0144",
    hours: { days: WEEKDAYS, opens: "11:00", closes: "13:00" },
  },
  {
    name: "Children's Mental Health Services",
    org: "Any County Behavioral Health",
    term: "behavioral",
    place: ["valley"],
    description:
      "Assessment, therapy, psychiatric care and intensive care coordination for children and youth with Medi-Cal.",
    eligibility: "Children and youth under 21 with Medi-Cal.",
    languages: ["en", "es"],
    phone: "530-555-0201",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "Perinatal Substance Use Treatment",
    org: "Any County Behavioral Health",
    term: "behavioral",
    place: ["valley"],
    description:
      "Outpatient treatment for pregnant and parenting women, with child care on site during groups.",
    eligibility: "Pregnant and parenting women with substance use concerns.",
    languages: ["en", "es"],
    phone: "530-555-0202",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "18:00" },
  },
  {
    name: "24/7 Crisis Line",
    org: "Any County Behavioral Health",
    term: "behavioral",
    place: ["valley"],
    description: "Crisis counseling and mobile crisis response at any hour.",
    eligibility: "Anyone in Any County.",
    languages: ["en", "es"],
    phone: "530-555-0200",
    hours: { days: "MO,TU,WE,TH,FR,SA,SU", opens: "00:00", closes: "23:59" },
  },
  {
    name: "Infant and Early Childhood Mental Health",
    org: "Harbor Family Resource Center",
    term: "behavioral",
    place: ["harbor"],
    description: "Dyadic therapy for parents and children under 6 (Child-Parent Psychotherapy).",
    eligibility: "Families with children under 6.",
    languages: ["en", "es"],
    phone: "530-555-0105",
    hours: { days: WEEKDAYS, opens: "09:00", closes: "18:00" },
  },
  {
    name: "Parenting Through Recovery Groups",
    org: "Valley Wellness Clinic",
    term: "parenting",
    place: ["valley"],
    description: "Weekly groups for parents in recovery, with child care.",
    eligibility: "Parents in substance use recovery.",
    languages: ["en"],
    phone: "530-555-0211",
    hours: { days: "MO", opens: "18:00", closes: "20:00" },
  },
  {
    name: "CalWORKs Cash Aid",
    org: "Any County Department of Human Assistance",
    term: "calworks",
    place: ["civic"],
    description: "Monthly cash aid for families with children, with Medi-Cal and CalFresh.",
    eligibility: "Families with children under 19 who meet income and resource limits.",
    languages: ["en", "es", "hmn", "pa"],
    phone: "530-555-0221",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "CalWORKs Welfare-to-Work",
    org: "Any County Department of Human Assistance",
    term: "calworks",
    place: ["civic", "oakview"],
    description:
      "Employment services, education and training, with child care and transportation paid while you take part.",
    eligibility: "Adults receiving CalWORKs cash aid.",
    languages: ["en", "es"],
    phone: "530-555-0222",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "CalWORKs Family Stabilization",
    org: "Any County Department of Human Assistance",
    term: "calworks",
    place: ["civic"],
    description:
      "Intensive case management for CalWORKs families in crisis: housing, domestic violence, mental health and substance use.",
    eligibility: "CalWORKs families in crisis.",
    languages: ["en", "es"],
    phone: "530-555-0223",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "CalWORKs Home Visiting Program",
    org: "Any County Department of Human Assistance",
    term: "home_visiting",
    place: ["civic"],
    description: "Home visiting for CalWORKs families who are pregnant or have a child under 2.",
    eligibility: "CalWORKs families, pregnant or with a child under 24 months.",
    languages: ["en", "es"],
    phone: "530-555-0224",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "Linkages Case Coordination",
    org: "Any County Child Welfare Services",
    term: "calworks",
    place: ["civic"],
    description: "Joint case planning between CalWORKs and Child Welfare for families served by both.",
    eligibility: "Families with both a CalWORKs case and a child welfare case.",
    languages: ["en", "es"],
    phone: "530-555-0172",
    hours: { days: WEEKDAYS, opens: "08:00", closes: "17:00" },
  },
  {
    name: "Positive Parenting Program (Triple P)",
    org: "Riverside Community Hub",
    term: "parenting",
    place: ["riverside"],
    description: "Eight-week parenting course with practical strategies for everyday challenges.",
    eligibility: "Parents of children 2 to 12.",
    languages: ["en", "es"],
    phone: "530-555-0112",
    hours: { days: "WE", opens: "18:00", closes: "20:00" },
    fees: "Free",
  },
  {
    name: "Fatherhood Group",
    org: "Foothill Family Place",
    term: "parenting",
    place: ["hills"],
    description: "Support group for fathers and father figures.",
    eligibility: "Fathers and father figures.",
    languages: ["en"],
    phone: "530-555-0122",
    hours: { days: "TH", opens: "18:00", closes: "19:30" },
  },
];

const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  es: "Spanish",
  hmn: "Hmong",
  pa: "Punjabi",
  vi: "Vietnamese",
  zh: "Chinese",
};

/** The Any County demo directory, as HSDS tabular JSON. */
export function anyCountyDirectory(): Record<string, HsdsRecord[]> {
  const organization = [...new Set(SERVICES.map((s) => s.org))].map((name) => ({
    id: demoId(`org:${name}`),
    name,
    description: `${name} serves children and families in Any County.`,
    website: `https://${name.toLowerCase().replace(/[^a-z]+/g, "-")}.example`,
  }));
  const location = PLACES.map((p) => ({
    id: demoId(`location:${p.key}`),
    location_type: "physical",
    name: p.name,
    latitude: p.lat,
    longitude: p.lng,
  }));
  const address = PLACES.map((p) => ({
    id: demoId(`address:${p.key}`),
    location_id: demoId(`location:${p.key}`),
    address_1: p.address,
    city: p.city,
    state_province: "CA",
    postal_code: p.postal,
    country: "US",
    address_type: "physical",
  }));
  const taxonomy_term = Object.entries(TERMS).map(([code, t]) => ({
    id: demoId(`term:${code}`),
    code,
    name: t.name,
    description: t.description,
    taxonomy_id: TAXONOMY.id,
    language: "en",
  }));
  const service: HsdsRecord[] = [];
  const service_at_location: HsdsRecord[] = [];
  const phone: HsdsRecord[] = [];
  const schedule: HsdsRecord[] = [];
  const language: HsdsRecord[] = [];
  const attribute: HsdsRecord[] = [];
  for (const s of SERVICES) {
    const id = demoId(`service:${s.name}`);
    service.push({
      id,
      organization_id: demoId(`org:${s.org}`),
      name: s.name,
      description: s.description,
      eligibility_description: s.eligibility,
      status: "active",
      ...(s.fees ? { fees_description: s.fees } : {}),
      last_modified: "2026-01-15T09:00:00.000Z",
    });
    for (const key of s.place) {
      service_at_location.push({
        id: demoId(`sal:${s.name}:${key}`),
        service_id: id,
        location_id: demoId(`location:${key}`),
      });
    }
    phone.push({ id: demoId(`phone:${s.name}`), service_id: id, number: s.phone, type: "voice" });
    schedule.push({
      id: demoId(`schedule:${s.name}`),
      service_id: id,
      freq: "WEEKLY",
      byday: s.hours.days,
      opens_at: s.hours.opens,
      closes_at: s.hours.closes,
      description: `${s.hours.days} ${s.hours.opens}–${s.hours.closes}`,
    });
    for (const code of s.languages) {
      language.push({
        id: demoId(`language:${s.name}:${code}`),
        service_id: id,
        code,
        name: LANGUAGE_NAMES[code] ?? code,
      });
    }
    attribute.push({
      id: demoId(`attribute:${s.name}`),
      link_id: id,
      link_type: "service_category",
      link_entity: "service",
      taxonomy_term_id: demoId(`term:${s.term}`),
    });
  }
  return {
    organization,
    service,
    location,
    address,
    service_at_location,
    phone,
    schedule,
    language,
    taxonomy: [TAXONOMY],
    taxonomy_term,
    attribute,
  };
}

export const DEMO_SERVICE_COUNT = SERVICES.length;

/** The official HSDS example files that hold directory data (base.json is API metadata, not data). */
export function officialExampleFiles(): string[] {
  const dir = path.join(HSDS_DIR, "examples");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f !== "base.json")
    .map((f) => path.join(dir, f));
}

/**
 * Seeds the demo directory, maintained by the organization and imported by the user given (the county's
 * child welfare agency and its administrator in the demo).
 */
export async function seedDemoDirectory(
  db: Db,
  steward: { organizationName: string; userEmail: string },
  onProgress?: (step: string) => void,
): Promise<{ services: number }> {
  const [org] = await db
    .select()
    .from(organizations)
    .where(sql`lower(${organizations.name}) = lower(${steward.organizationName})`);
  const [user] = await db.select().from(users).where(eq(users.email, steward.userEmail));
  if (!org || !user) throw new Error("demo directory: steward organization or user missing");
  // The demo seeds as the steward's administrator, as `trellis demo` creates them together.
  const actor = actorInOrganization(user, org, "admin");
  const audit = {
    actorUserId: user.id,
    actorEmail: "trellis demo",
    organizationId: org.id,
    requestId: null,
    ip: null,
  };
  // One import (one audit entry): the official examples, then Any County's services.
  const examples = officialExampleFiles().map((file) => ({
    kind: "json" as const,
    fileName: path.basename(file),
    content: readFileSync(file),
  }));
  const result = await importHsds(
    db,
    actor,
    {
      kind: "many",
      fileName: "demo directory",
      inputs: [
        ...examples,
        { kind: "json", fileName: "any-county.json", content: JSON.stringify(anyCountyDirectory()) },
      ],
    },
    { mode: "all_or_nothing", audit },
  );
  onProgress?.(`directory: the official HSDS examples and ${DEMO_SERVICE_COUNT} Any County services`);
  return { services: result.tables.service?.created ?? 0 };
}
