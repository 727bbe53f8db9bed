/**
 * Sizes of the generated data sets and the fixed word lists they draw from. Everything here is constant:
 * the seed alone decides which words and numbers each row gets.
 */

export type ScaleName = "tiny" | "county" | "state";

/** Users of each county organization: one admin, one manager (the planner), one viewer, the rest staff. */
export interface CountyOrgSizes {
  childWelfare: number;
  probation: number;
  welfareToWork: number;
  /** Each of the county's family resource centers and community providers. */
  provider: number;
  partnership: number;
}

export interface ScaleConfig {
  /** The first N counties of COUNTIES (Sacramento first, so every scale has the sample directory point). */
  counties: number;
  /** Community providers (family resource centers…) per county. */
  providersPerCounty: number;
  usersPerOrg: CountyOrgSizes;
  /** Statewide organizations (a state agency, TA providers, statewide partnerships) and users of each. */
  statewideOrgs: number;
  usersPerStatewideOrg: number;
  /** Families per staff member of a family-serving organization; the first openPerStaff are open (the caseload). */
  familiesPerStaff: number;
  openPerStaff: number;
  contactsPerFamily: number;
  plans: number;
  /** Every plan has this many items (the template shapes in generate.ts are built to it). */
  itemsPerPlan: 20;
  hsdsServices: number;
  servicesPerHsdsOrganization: number;
  locationsPerHsdsOrganization: number;
  referrals: number;
  auditEvents: number;
}

const STATE_ORG_SIZES: CountyOrgSizes = {
  childWelfare: 16,
  probation: 10,
  welfareToWork: 8,
  provider: 6,
  partnership: 4,
};

export const SCALES: Record<ScaleName, ScaleConfig> = {
  // 58 counties × 10 organizations + 20 statewide = 600 organizations; 58 × 74 + 20 × 35 ≈ 5,000 users;
  // 43 staff per county × 58 × 80 families ≈ 200,000 families.
  state: {
    counties: 58,
    providersPerCounty: 6,
    usersPerOrg: STATE_ORG_SIZES,
    statewideOrgs: 20,
    usersPerStatewideOrg: 35,
    familiesPerStaff: 80,
    openPerStaff: 35,
    contactsPerFamily: 5,
    plans: 20_000,
    itemsPerPlan: 20,
    hsdsServices: 100_000,
    servicesPerHsdsOrganization: 10,
    locationsPerHsdsOrganization: 3,
    referrals: 300_000,
    auditEvents: 2_000_000,
  },
  // One county: about 1/58 of the state.
  county: {
    counties: 1,
    providersPerCounty: 6,
    usersPerOrg: STATE_ORG_SIZES,
    statewideOrgs: 2,
    usersPerStatewideOrg: 8,
    familiesPerStaff: 80,
    openPerStaff: 35,
    contactsPerFamily: 5,
    plans: 350,
    itemsPerPlan: 20,
    hsdsServices: 2_000,
    servicesPerHsdsOrganization: 10,
    locationsPerHsdsOrganization: 3,
    referrals: 5_000,
    auditEvents: 35_000,
  },
  // For tests: every kind of row, a few of each.
  tiny: {
    counties: 1,
    providersPerCounty: 2,
    usersPerOrg: { childWelfare: 6, probation: 4, welfareToWork: 4, provider: 4, partnership: 3 },
    statewideOrgs: 1,
    usersPerStatewideOrg: 3,
    familiesPerStaff: 8,
    openPerStaff: 5,
    contactsPerFamily: 2,
    plans: 16,
    itemsPerPlan: 20,
    hsdsServices: 120,
    servicesPerHsdsOrganization: 10,
    locationsPerHsdsOrganization: 3,
    referrals: 150,
    auditEvents: 1_500,
  },
};

/** California's 58 counties with an approximate central point (Sacramento first). */
export const COUNTIES: { name: string; lat: number; lng: number }[] = [
  { name: "Sacramento", lat: 38.58, lng: -121.49 },
  { name: "Alameda", lat: 37.65, lng: -121.91 },
  { name: "Alpine", lat: 38.6, lng: -119.82 },
  { name: "Amador", lat: 38.45, lng: -120.65 },
  { name: "Butte", lat: 39.67, lng: -121.6 },
  { name: "Calaveras", lat: 38.2, lng: -120.55 },
  { name: "Colusa", lat: 39.18, lng: -122.24 },
  { name: "Contra Costa", lat: 37.92, lng: -121.95 },
  { name: "Del Norte", lat: 41.74, lng: -123.9 },
  { name: "El Dorado", lat: 38.78, lng: -120.52 },
  { name: "Fresno", lat: 36.76, lng: -119.65 },
  { name: "Glenn", lat: 39.6, lng: -122.39 },
  { name: "Humboldt", lat: 40.7, lng: -123.87 },
  { name: "Imperial", lat: 33.04, lng: -115.36 },
  { name: "Inyo", lat: 36.51, lng: -117.41 },
  { name: "Kern", lat: 35.34, lng: -118.73 },
  { name: "Kings", lat: 36.07, lng: -119.82 },
  { name: "Lake", lat: 39.1, lng: -122.75 },
  { name: "Lassen", lat: 40.67, lng: -120.59 },
  { name: "Los Angeles", lat: 34.32, lng: -118.22 },
  { name: "Madera", lat: 37.22, lng: -119.76 },
  { name: "Marin", lat: 38.05, lng: -122.74 },
  { name: "Mariposa", lat: 37.58, lng: -119.91 },
  { name: "Mendocino", lat: 39.44, lng: -123.39 },
  { name: "Merced", lat: 37.19, lng: -120.72 },
  { name: "Modoc", lat: 41.59, lng: -120.72 },
  { name: "Mono", lat: 37.94, lng: -118.89 },
  { name: "Monterey", lat: 36.22, lng: -121.31 },
  { name: "Napa", lat: 38.51, lng: -122.33 },
  { name: "Nevada", lat: 39.3, lng: -120.77 },
  { name: "Orange", lat: 33.7, lng: -117.76 },
  { name: "Placer", lat: 39.06, lng: -120.72 },
  { name: "Plumas", lat: 40.0, lng: -120.84 },
  { name: "Riverside", lat: 33.74, lng: -116.0 },
  { name: "San Benito", lat: 36.61, lng: -121.08 },
  { name: "San Bernardino", lat: 34.84, lng: -116.18 },
  { name: "San Diego", lat: 33.03, lng: -116.74 },
  { name: "San Francisco", lat: 37.76, lng: -122.44 },
  { name: "San Joaquin", lat: 37.93, lng: -121.27 },
  { name: "San Luis Obispo", lat: 35.38, lng: -120.4 },
  { name: "San Mateo", lat: 37.43, lng: -122.33 },
  { name: "Santa Barbara", lat: 34.67, lng: -120.02 },
  { name: "Santa Clara", lat: 37.23, lng: -121.7 },
  { name: "Santa Cruz", lat: 37.06, lng: -122.0 },
  { name: "Shasta", lat: 40.76, lng: -122.04 },
  { name: "Sierra", lat: 39.58, lng: -120.52 },
  { name: "Siskiyou", lat: 41.59, lng: -122.54 },
  { name: "Solano", lat: 38.27, lng: -121.93 },
  { name: "Sonoma", lat: 38.53, lng: -122.94 },
  { name: "Stanislaus", lat: 37.56, lng: -120.99 },
  { name: "Sutter", lat: 39.03, lng: -121.69 },
  { name: "Tehama", lat: 40.13, lng: -122.23 },
  { name: "Trinity", lat: 40.65, lng: -123.11 },
  { name: "Tulare", lat: 36.22, lng: -118.8 },
  { name: "Tuolumne", lat: 38.03, lng: -119.95 },
  { name: "Ventura", lat: 34.36, lng: -119.13 },
  { name: "Yolo", lat: 38.68, lng: -121.9 },
  { name: "Yuba", lat: 39.27, lng: -121.35 },
];

export const FIRST_NAMES = [
  "Maria",
  "Jose",
  "Ana",
  "Luis",
  "Rosa",
  "Carlos",
  "Elena",
  "Miguel",
  "Sofia",
  "Juan",
  "Camila",
  "Diego",
  "Emily",
  "James",
  "Olivia",
  "Michael",
  "Ava",
  "David",
  "Grace",
  "Daniel",
  "Chloe",
  "Ethan",
  "Hannah",
  "Noah",
  "Mai",
  "Minh",
  "Linh",
  "Tuan",
  "Wei",
  "Jing",
  "Hao",
  "Mei",
  "Priya",
  "Arjun",
  "Simran",
  "Harpreet",
  "Keisha",
  "Marcus",
  "Aaliyah",
  "Darnell",
  "Fatima",
  "Omar",
  "Leila",
  "Tomas",
  "Isabel",
  "Pablo",
  "Lucia",
  "Nia",
  "Kai",
  "Yer",
  "Pao",
  "Tou",
  "Ka",
  "Samuel",
  "Ruth",
  "Teresa",
  "Jordan",
  "Taylor",
  "Morgan",
  "Alex",
];

export const LAST_NAMES = [
  "Garcia",
  "Hernandez",
  "Lopez",
  "Martinez",
  "Gonzalez",
  "Rodriguez",
  "Perez",
  "Sanchez",
  "Ramirez",
  "Torres",
  "Flores",
  "Rivera",
  "Gomez",
  "Diaz",
  "Cruz",
  "Reyes",
  "Morales",
  "Ortiz",
  "Gutierrez",
  "Chavez",
  "Smith",
  "Johnson",
  "Williams",
  "Brown",
  "Jones",
  "Miller",
  "Davis",
  "Wilson",
  "Anderson",
  "Thomas",
  "Nguyen",
  "Tran",
  "Le",
  "Pham",
  "Vang",
  "Xiong",
  "Lee",
  "Yang",
  "Her",
  "Moua",
  "Kim",
  "Park",
  "Chen",
  "Wang",
  "Singh",
  "Kaur",
  "Patel",
  "Washington",
  "Jackson",
  "Harris",
  "Robinson",
  "Okoye",
  "Adams",
  "Baker",
  "Nelson",
  "Carter",
  "Mitchell",
  "Roberts",
  "Campbell",
  "Evans",
];

/** Directory service kinds: name, description (common words people search for) and taxonomy term code. */
export const SERVICE_KINDS: { name: string; description: string; term: string }[] = [
  {
    name: "Emergency food pantry",
    description: "Free groceries and emergency food boxes for families in need.",
    term: "food_pantry",
  },
  {
    name: "Community meals",
    description: "Hot meals served daily; families with children welcome. Food for everyone.",
    term: "meals",
  },
  {
    name: "WIC nutrition support",
    description: "Nutrition education, healthy food and breastfeeding support for parents of young children.",
    term: "food",
  },
  {
    name: "Emergency shelter",
    description: "Emergency housing and shelter beds for families experiencing homelessness.",
    term: "shelter",
  },
  {
    name: "Rental assistance",
    description: "Help paying rent and deposits to keep families housed. Housing navigation.",
    term: "rental_assistance",
  },
  {
    name: "Housing navigation",
    description: "Housing search, landlord mediation and move-in help for families.",
    term: "housing",
  },
  {
    name: "Parenting classes",
    description: "Parenting education groups for parents and caregivers of children of all ages.",
    term: "parenting",
  },
  {
    name: "Home visiting program",
    description: "Voluntary home visits with parenting support for expectant parents and infants.",
    term: "home_visiting",
  },
  {
    name: "Family counseling",
    description: "Counseling and therapy for children, parents and families. Mental health support.",
    term: "counseling",
  },
  {
    name: "Youth mental health services",
    description: "Counseling and behavioral health care for children and teens.",
    term: "counseling",
  },
  {
    name: "Substance use treatment",
    description: "Outpatient substance use treatment and recovery support for parents.",
    term: "substance_use",
  },
  {
    name: "Child care referrals",
    description: "Help finding and paying for child care and preschool.",
    term: "child_care",
  },
  {
    name: "Early Head Start",
    description: "Early learning, child care and family support for infants and toddlers.",
    term: "child_care",
  },
  {
    name: "Job training and employment",
    description: "Job readiness, employment services and training for parents.",
    term: "employment",
  },
  {
    name: "Legal aid clinic",
    description: "Free legal help with housing, custody, immigration and benefits.",
    term: "legal",
  },
  {
    name: "Domestic violence services",
    description: "Safety planning, shelter and counseling for survivors of domestic violence.",
    term: "domestic_violence",
  },
  {
    name: "Family resource center",
    description: "Neighborhood family support: parenting, food, housing help and referrals.",
    term: "frc",
  },
  {
    name: "Transportation assistance",
    description: "Bus passes and rides to medical appointments and services.",
    term: "transportation",
  },
  {
    name: "Medical clinic",
    description: "Primary health care for children and families, sliding scale fees.",
    term: "health",
  },
  {
    name: "Diaper and baby supplies bank",
    description: "Diapers, formula and baby supplies for families with infants. Food and basic needs.",
    term: "food",
  },
];

/** The directory's taxonomy: categories and their children (code, name, parent code). */
export const TAXONOMY_TERMS: { code: string; name: string; parent: string | null }[] = [
  { code: "food", name: "Food", parent: null },
  { code: "food_pantry", name: "Food pantry", parent: "food" },
  { code: "meals", name: "Meals", parent: "food" },
  { code: "housing", name: "Housing", parent: null },
  { code: "shelter", name: "Emergency shelter", parent: "housing" },
  { code: "rental_assistance", name: "Rental assistance", parent: "housing" },
  { code: "parenting", name: "Parenting education", parent: null },
  { code: "home_visiting", name: "Home visiting", parent: "parenting" },
  { code: "counseling", name: "Counseling", parent: null },
  { code: "substance_use", name: "Substance use treatment", parent: "counseling" },
  { code: "child_care", name: "Child care", parent: null },
  { code: "employment", name: "Employment", parent: null },
  { code: "legal", name: "Legal aid", parent: null },
  { code: "domestic_violence", name: "Domestic violence", parent: "counseling" },
  { code: "frc", name: "Family resource center", parent: null },
  { code: "transportation", name: "Transportation", parent: null },
  { code: "health", name: "Health care", parent: null },
];

export const ACTION_STEPS = [
  "Convene the planning team to review progress",
  "Draft the referral protocol between child welfare and CalWORKs",
  "Train staff on the coordinated case planning handbook",
  "Collect baseline data on families served by both programs",
  "Hold a family team meeting within 30 days of every removal",
  "Update the memorandum of understanding with the family resource centers",
  "Present the draft plan to the Board of Supervisors",
  "Survey parents about access to services",
  "Recruit two parent partners for the planning team",
  "Map the county's prevention services",
  "Report quarterly outcomes to the oversight committee",
  "Review eligibility criteria with county counsel",
];

export const CONTACT_NOTES = [
  "Home visit; reviewed service plan goals with the parents.",
  "Phone check-in about the housing application.",
  "Office visit; helped complete the CalWORKs renewal.",
  "Texted reminder of the parenting class schedule.",
  "Video call with mother and children; discussed school attendance.",
  "Accompanied family to the food pantry and WIC office.",
  "Follow-up on counseling referral; first appointment set.",
];
