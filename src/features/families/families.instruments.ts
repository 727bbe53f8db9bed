/**
 * Assessment instruments as data: domains, scale, anchors (in our own words, English and Spanish) and the
 * crisis screen with the crisis kinds of seed 003. A new instrument or version is a new entry here; an
 * assessment stores the key and version it was made with.
 */

export interface Text2 {
  en: string;
  es: string;
}

export interface InstrumentDomain {
  key: string;
  label: Text2;
  /** Low scores here are a high risk that calls for intensive case management (seed 003). */
  highRisk?: boolean;
  /** One anchor per scale point, lowest first. */
  anchors: Text2[];
}

export interface CrisisKind {
  key: string;
  group: "family_dynamics" | "family_economics";
  label: Text2;
}

export interface Instrument {
  key: string;
  version: number;
  name: Text2;
  scale: { min: number; max: number; labels: Text2[] };
  /** Scores at or below this value mark a domain as a need. */
  needThreshold: number;
  /** Reassess after this many days (standard, intensive). */
  reassessEveryDays: { standard: number; intensive: number };
  domains: InstrumentDomain[];
  crisisKinds: CrisisKind[];
}

const a = (en: string, es: string): Text2 => ({ en, es });

/** The crisis kinds named in seed 003: disruption of family dynamics and of family economics. */
export const CRISIS_KINDS: CrisisKind[] = [
  {
    key: "domestic_violence",
    group: "family_dynamics",
    label: a("Domestic violence", "Violencia doméstica"),
  },
  { key: "separation", group: "family_dynamics", label: a("Separation", "Separación") },
  {
    key: "parent_incarceration",
    group: "family_dynamics",
    label: a("Incarceration of a parent", "Encarcelamiento de uno de los padres"),
  },
  {
    key: "behavioral_health",
    group: "family_dynamics",
    label: a(
      "Depression or another behavioral-health issue",
      "Depresión u otro problema de salud conductual",
    ),
  },
  { key: "job_loss", group: "family_economics", label: a("Loss of employment", "Pérdida del empleo") },
  { key: "housing_loss", group: "family_economics", label: a("Loss of housing", "Pérdida de la vivienda") },
  { key: "homelessness", group: "family_economics", label: a("Homelessness", "Falta de vivienda") },
];

export const STRENGTHS_AND_NEEDS_V1: Instrument = {
  key: "strengths-and-needs",
  version: 1,
  name: a("Family strengths and needs", "Fortalezas y necesidades de la familia"),
  scale: {
    min: 1,
    max: 5,
    labels: [
      a("In crisis", "En crisis"),
      a("Vulnerable", "Vulnerable"),
      a("Getting by", "Se las arregla"),
      a("Stable", "Estable"),
      a("Thriving", "Prospera"),
    ],
  },
  needThreshold: 2,
  reassessEveryDays: { standard: 90, intensive: 30 },
  domains: [
    {
      key: "housing",
      label: a("Housing", "Vivienda"),
      anchors: [
        a(
          "No place to stay tonight, or living in a car or shelter.",
          "Sin lugar donde dormir hoy, o vive en un auto o albergue.",
        ),
        a("Staying with others, or facing eviction.", "Vive con otros o enfrenta un desalojo."),
        a(
          "Housed, but rent is a struggle or the home is unsafe.",
          "Tiene vivienda, pero le cuesta pagarla o no es segura.",
        ),
        a("Safe, affordable housing for now.", "Vivienda segura y asequible por ahora."),
        a(
          "Safe, affordable housing they expect to keep.",
          "Vivienda segura y asequible que esperan conservar.",
        ),
      ],
    },
    {
      key: "income_employment",
      label: a("Income and employment", "Ingresos y empleo"),
      anchors: [
        a("No income at all.", "Ningún ingreso."),
        a("Income does not cover basic needs.", "Los ingresos no cubren lo básico."),
        a("Covers basics with help from benefits.", "Cubre lo básico con ayuda de beneficios."),
        a("Steady income covers basics.", "Ingreso estable que cubre lo básico."),
        a("Steady income with some savings.", "Ingreso estable con algo de ahorro."),
      ],
    },
    {
      key: "food",
      label: a("Food", "Alimentación"),
      anchors: [
        a("Often no food in the home.", "A menudo no hay comida en casa."),
        a("Skipping meals some weeks.", "Algunas semanas se saltan comidas."),
        a(
          "Enough food with food bank or benefits.",
          "Comida suficiente con banco de alimentos o beneficios.",
        ),
        a("Enough food most of the time on their own.", "Comida suficiente casi siempre por su cuenta."),
        a("Healthy food always available.", "Siempre tienen comida saludable."),
      ],
    },
    {
      key: "child_care",
      label: a("Child care", "Cuidado infantil"),
      anchors: [
        a(
          "No safe care; a parent cannot work or attend services.",
          "Sin cuidado seguro; el padre o la madre no puede trabajar ni ir a servicios.",
        ),
        a("Care is unreliable or unsafe.", "El cuidado no es confiable o no es seguro."),
        a("Some care, with gaps.", "Algo de cuidado, con huecos."),
        a("Reliable care the family can afford.", "Cuidado confiable que la familia puede pagar."),
        a(
          "Quality early learning care they chose.",
          "Cuidado de calidad con aprendizaje temprano que eligieron.",
        ),
      ],
    },
    {
      key: "physical_health",
      label: a("Physical health", "Salud física"),
      anchors: [
        a("Urgent health needs not being treated.", "Necesidades urgentes de salud sin atender."),
        a("No insurance or no regular doctor.", "Sin seguro médico o sin médico de cabecera."),
        a("Covered, but care or checkups are missed.", "Con seguro, pero se pierden citas o chequeos."),
        a("Covered, with a regular doctor and checkups.", "Con seguro, médico de cabecera y chequeos."),
        a("Healthy, with preventive care up to date.", "Saludables, con cuidado preventivo al día."),
      ],
    },
    {
      key: "mental_health",
      label: a("Mental health", "Salud mental"),
      anchors: [
        a(
          "A danger to self or others, or unable to cope with daily life.",
          "Peligro para sí o para otros, o no puede con la vida diaria.",
        ),
        a(
          "Symptoms get in the way of daily life; no help yet.",
          "Los síntomas afectan la vida diaria; aún sin ayuda.",
        ),
        a("Some symptoms; getting or seeking help.", "Algunos síntomas; recibe o busca ayuda."),
        a("Coping well with support.", "Lo maneja bien con apoyo."),
        a("Coping well on their own.", "Lo maneja bien por su cuenta."),
      ],
    },
    {
      key: "substance_use",
      label: a("Substance use", "Uso de sustancias"),
      highRisk: true,
      anchors: [
        a(
          "Use puts the children or the household at risk.",
          "El consumo pone en riesgo a los niños o al hogar.",
        ),
        a("Use causes problems; no treatment.", "El consumo causa problemas; sin tratamiento."),
        a("In treatment or early recovery.", "En tratamiento o en recuperación temprana."),
        a(
          "In stable recovery, or occasional use without problems.",
          "En recuperación estable, o uso ocasional sin problemas.",
        ),
        a("No concerns.", "Sin preocupaciones."),
      ],
    },
    {
      key: "family_safety",
      label: a("Family safety", "Seguridad familiar"),
      highRisk: true,
      anchors: [
        a(
          "Violence in the home; someone is in danger now.",
          "Violencia en el hogar; alguien corre peligro ahora.",
        ),
        a(
          "Recent violence or threats; no safety plan.",
          "Violencia o amenazas recientes; sin plan de seguridad.",
        ),
        a("Past violence; a safety plan is in place.", "Violencia en el pasado; hay un plan de seguridad."),
        a("Safe at home, with a plan if things change.", "Seguros en casa, con un plan si algo cambia."),
        a("Safe and supportive home.", "Hogar seguro y de apoyo."),
      ],
    },
    {
      key: "parenting_child_development",
      label: a("Parenting and child development", "Crianza y desarrollo infantil"),
      anchors: [
        a(
          "Children's basic needs or safety not met.",
          "No se cubren las necesidades básicas o la seguridad de los niños.",
        ),
        a(
          "Parent overwhelmed; a developmental concern is not addressed.",
          "Padre o madre abrumado; un problema del desarrollo sin atender.",
        ),
        a("Meets basic needs; wants to learn more.", "Cubre lo básico; quiere aprender más."),
        a(
          "Reads, talks and plays with the children most days.",
          "Lee, habla y juega con los niños casi todos los días.",
        ),
        a("Confident parent; screenings up to date.", "Padre o madre con confianza; evaluaciones al día."),
      ],
    },
    {
      key: "social_support",
      label: a("Social support", "Apoyo social"),
      anchors: [
        a("Alone; no one to call.", "Solos; no tienen a quién llamar."),
        a("Little support, or relationships that hurt.", "Poco apoyo, o relaciones que hacen daño."),
        a("Some support, though not always there.", "Algo de apoyo, aunque no siempre."),
        a("Family or friends they can count on.", "Familia o amistades con quienes cuentan."),
        a("Strong network and connected to other families.", "Red fuerte y conectados con otras familias."),
      ],
    },
    {
      key: "transportation",
      label: a("Transportation", "Transporte"),
      anchors: [
        a("No way to get to appointments or work.", "No hay forma de llegar a citas o al trabajo."),
        a("Rides are rare and uncertain.", "Rara vez consiguen transporte y no es seguro."),
        a("Gets there with planning or help.", "Llegan con planificación o ayuda."),
        a("Reliable transportation most of the time.", "Transporte confiable casi siempre."),
        a("Reliable transportation always.", "Transporte confiable siempre."),
      ],
    },
    {
      key: "legal",
      label: a("Legal", "Asuntos legales"),
      anchors: [
        a(
          "Urgent legal matter (custody, eviction, immigration, charges) with no help.",
          "Asunto legal urgente (custodia, desalojo, inmigración, cargos) sin ayuda.",
        ),
        a(
          "A legal issue is causing stress; no advice yet.",
          "Un asunto legal causa estrés; aún sin asesoría.",
        ),
        a("Legal issue, with help or a plan.", "Asunto legal, con ayuda o un plan."),
        a("Past issues resolved or under control.", "Asuntos pasados resueltos o bajo control."),
        a("No legal concerns.", "Sin asuntos legales."),
      ],
    },
  ],
  crisisKinds: CRISIS_KINDS,
};

export const INSTRUMENTS: Instrument[] = [STRENGTHS_AND_NEEDS_V1];

export function findInstrument(key: string, version?: number): Instrument | undefined {
  const matching = INSTRUMENTS.filter((i) => i.key === key);
  if (version !== undefined) return matching.find((i) => i.version === version);
  return matching.sort((x, y) => y.version - x.version)[0];
}
