/**
 * The vocabulary of the SIP checks: findings, the check catalogue and the core SIP team representatives.
 * Pure data and types; every rule builds its findings through `finding()` so a code's severity is defined once.
 */

export type Severity = "error" | "warning" | "info";

export interface I18nText {
  en: string;
  es: string;
}

export interface Finding {
  /** Stable code, e.g. "sip.safety_measure_without_component". */
  code: CheckCode;
  severity: Severity;
  /** Names the item, e.g. "Milestone 1.2.1 has no timeframe." */
  message: I18nText;
  /** The item to link to; null for plan-level findings. */
  itemId: string | null;
  /** The section key when relevant ("narrative", "components"). */
  section: string | null;
  /**
   * A milestone rewording is written in the milestone's own language, so `en` and `es` then carry the same
   * text; a generic hint ("Reword as a completed action…") is translated.
   */
  suggestion?: I18nText;
}

/** Kinds of core SIP team members, in the order of the guide (seed 002, lines 74–84 and 503–518). */
export const CORE_REPRESENTATIVE_KINDS = [
  "cws_administrator",
  "cws_manager",
  "cws_social_worker",
  "probation",
  "probation_supervisor",
  "probation_officer",
  "california_youth_connection",
  "foster_parent",
  "adoptions_agency",
] as const;
export type CoreRepresentative = (typeof CORE_REPRESENTATIVE_KINDS)[number];

export interface CoreRepresentativeInfo {
  key: CoreRepresentative;
  label: I18nText;
  /** "always", or only when a California Youth Connection chapter exists in the county. */
  required: "always" | "if_youth_connection_available";
}

export const CORE_REPRESENTATIVES: readonly CoreRepresentativeInfo[] = [
  {
    key: "cws_administrator",
    label: { en: "CWS administrators", es: "Administradores de CWS" },
    required: "always",
  },
  { key: "cws_manager", label: { en: "CWS managers", es: "Gerentes de CWS" }, required: "always" },
  {
    key: "cws_social_worker",
    label: { en: "CWS social workers", es: "Trabajadores sociales de CWS" },
    required: "always",
  },
  {
    // Kept as "probation" (the first kind the API knew); it stands for probation administrators.
    key: "probation",
    label: { en: "Probation administrators", es: "Administradores de libertad condicional" },
    required: "always",
  },
  {
    key: "probation_supervisor",
    label: { en: "Probation supervisors", es: "Supervisores de libertad condicional" },
    required: "always",
  },
  {
    key: "probation_officer",
    label: { en: "Probation officers", es: "Oficiales de libertad condicional" },
    required: "always",
  },
  {
    key: "california_youth_connection",
    label: { en: "California Youth Connection", es: "California Youth Connection" },
    required: "if_youth_connection_available",
  },
  { key: "foster_parent", label: { en: "Foster parents", es: "Padres de crianza" }, required: "always" },
  {
    key: "adoptions_agency",
    label: {
      en: "CDSS Adoptions District Office or licensed county adoption agency",
      es: "Oficina Distrital de Adopciones del CDSS o agencia de adopción del condado con licencia",
    },
    required: "always",
  },
];

export interface SipTeamMember {
  name: string;
  affiliation: string;
  category: "core" | "must_consult" | "may_consult";
  representative: CoreRepresentative | null;
}

export interface SipCheckContext {
  /** Measures of the county with whether each needs improvement; safety from the reference data. */
  measures: { code: string; name: string; safety: boolean; needsImprovement: boolean }[];
  /** The SIP team. */
  team: SipTeamMember[];
  /** Whether a California Youth Connection chapter exists in the county (its representative is then required). */
  youthConnectionAvailable: boolean;
}

interface CheckInfo {
  severity: Severity;
  description: I18nText;
}

/** Every check the SIP rules can report, for the UI's list of rules. */
export const CHECKS = {
  "sip.safety_measure_without_component": {
    severity: "error",
    description: {
      en: "Every safety measure needing improvement is addressed by a component.",
      es: "Cada medida de seguridad que requiere mejora se aborda en un componente.",
    },
  },
  "sip.no_components": {
    severity: "error",
    description: { en: "The plan has at least one component.", es: "El plan tiene al menos un componente." },
  },
  "sip.too_many_components": {
    severity: "warning",
    description: {
      en: "No more than 3 to 4 components (outcome indicators or systemic factors) are recommended.",
      es: "Se recomiendan no más de 3 o 4 componentes (indicadores de resultado o factores sistémicos).",
    },
  },
  "sip.component_without_goal": {
    severity: "error",
    description: {
      en: "Every component has an improvement goal.",
      es: "Cada componente tiene una meta de mejora.",
    },
  },
  "sip.goal_without_strategy": {
    severity: "error",
    description: {
      en: "Every improvement goal has a strategy.",
      es: "Cada meta de mejora tiene una estrategia.",
    },
  },
  "sip.strategy_without_rationale": {
    severity: "error",
    description: { en: "Every strategy has a rationale.", es: "Cada estrategia tiene una justificación." },
  },
  "sip.strategy_without_milestone": {
    severity: "error",
    description: { en: "Every strategy has a milestone.", es: "Cada estrategia tiene un hito." },
  },
  "sip.milestone_without_timeframe": {
    severity: "error",
    description: {
      en: "Every milestone has a timeframe or a due date.",
      es: "Cada hito tiene un plazo o una fecha límite.",
    },
  },
  "sip.milestone_without_assignee": {
    severity: "error",
    description: {
      en: "Every milestone is assigned to a responsible person or group.",
      es: "Cada hito está asignado a una persona o grupo responsable.",
    },
  },
  "sip.milestone_not_completed_action": {
    severity: "warning",
    description: {
      en: "Milestones are worded as completed actions (“Training for all staff completed.”).",
      es: "Los hitos se redactan como acciones cumplidas («Capacitación de todo el personal completada.»).",
    },
  },
  "sip.milestone_outside_period": {
    severity: "error",
    description: {
      en: "Every milestone's due date falls within the plan period.",
      es: "La fecha límite de cada hito está dentro del período del plan.",
    },
  },
  "sip.plan_period_missing": {
    severity: "info",
    description: {
      en: "The plan period is set, so due dates can be checked against it.",
      es: "El período del plan está definido, para poder verificar las fechas límite.",
    },
  },
  "sip.timeframe_not_practical": {
    severity: "info",
    description: {
      en: "Milestone timeframes of 1, 3, 6, 9 or 12 months are the most practical.",
      es: "Los plazos de 1, 3, 6, 9 o 12 meses son los más prácticos para los hitos.",
    },
  },
  "sip.core_representative_missing": {
    severity: "error",
    description: {
      en: "The SIP team includes every mandated core representative.",
      es: "El equipo del SIP incluye a todos los representantes principales obligatorios.",
    },
  },
  "sip.narrative_too_long": {
    severity: "warning",
    description: {
      en: "The narrative does not exceed 6 to 8 pages.",
      es: "La narrativa no supera las 6 a 8 páginas.",
    },
  },
  "sip.plan_too_long": {
    severity: "warning",
    description: {
      en: "The whole plan is no longer than 25 pages.",
      es: "El plan completo no supera las 25 páginas.",
    },
  },
} as const satisfies Record<string, CheckInfo>;

export type CheckCode = keyof typeof CHECKS;

export function finding(
  code: CheckCode,
  message: I18nText,
  where: { itemId?: string | null; section?: string | null } = {},
  suggestion?: I18nText,
): Finding {
  return {
    code,
    severity: CHECKS[code].severity,
    message,
    itemId: where.itemId ?? null,
    section: where.section ?? null,
    ...(suggestion ? { suggestion } : {}),
  };
}
