/**
 * Fixed words of the exported documents that the plan templates do not carry (status names, cover-sheet
 * captions, column notes). Everything a template labels (levels, fields, sections) comes from the template.
 */
import type { ItemStatus } from "../db/schema/plans.ts";

export type ExportLocale = "en" | "es";

const WORDS = {
  status_not_started: { en: "Not started", es: "No iniciado" },
  status_in_progress: { en: "In progress", es: "En curso" },
  status_completed: { en: "Completed", es: "Completado" },
  status_deferred: { en: "Deferred", es: "Aplazado" },
  status_dropped: { en: "Dropped", es: "Descartado" },
  status: { en: "Status", es: "Estado" },
  responsibility: { en: "Responsibility", es: "Responsable" },
  due_date: { en: "Due date", es: "Fecha límite" },
  timeframe: { en: "Timeframe", es: "Plazo" },
  yes: { en: "Yes", es: "Sí" },
  no: { en: "No", es: "No" },
  phone: { en: "Phone", es: "Teléfono" },
  email: { en: "Email", es: "Correo electrónico" },
  name: { en: "Name", es: "Nombre" },
  title: { en: "Title", es: "Cargo" },
  address: { en: "Address", es: "Dirección" },
  phone_email: { en: "Phone/Email", es: "Teléfono/correo electrónico" },
  signature: { en: "Signature", es: "Firma" },
  probation: { en: "Probation", es: "Libertad condicional" },
  // Linkages work plan (seed 004)
  work_plan_topic_areas: { en: "WORK PLAN TOPIC AREAS", es: "ÁREAS TEMÁTICAS DEL PLAN DE TRABAJO" },
  objective_hint: {
    en: "A year from now, what has been accomplished in this topic area?",
    es: "Dentro de un año, ¿qué se habrá logrado en esta área temática?",
  },
  target_date_hint: {
    en: "to complete the Implementation Objective",
    es: "para cumplir el objetivo de implementación",
  },
  list_below: { en: "List below", es: "Enumérelos abajo" },
  // County SIP cover sheet (seed 002)
  sip_cover_sheet: { en: "SIP Cover Sheet", es: "Portada del SIP" },
  cfsr: {
    en: "California's Child and Family Services Review",
    es: "Revisión de Servicios para Niños y Familias de California",
  },
  system_improvement_plan: { en: "System Improvement Plan", es: "Plan de Mejoramiento del Sistema" },
  period_of_plan: { en: "Period of Plan", es: "Período del plan" },
  sip_contact: {
    en: "County Contact Person for County System Improvement Plan",
    es: "Persona de contacto del condado para el Plan de Mejoramiento del Sistema",
  },
  submitted_by_each: {
    en: "Submitted by each agency for the children under its care",
    es: "Presentado por cada agencia para los niños bajo su cuidado",
  },
  submitted_by: { en: "Submitted by", es: "Presentado por" },
  cws_director: {
    en: "County Child Welfare Agency Director (Lead Agency)",
    es: "Director(a) de la agencia de bienestar infantil del condado (agencia principal)",
  },
  chief_probation_officer: {
    en: "County Chief Probation Officer",
    es: "Jefe(a) de libertad condicional del condado",
  },
  // Action-step spreadsheet
  sheet_name: { en: "Action steps", es: "Pasos de acción" },
  col_section: { en: "Section of the plan (key)", es: "Sección del plan (clave)" },
  col_parent_number: { en: "Number of the parent item", es: "Número del elemento superior" },
  col_parent_title: { en: "Title of the parent item", es: "Título del elemento superior" },
  col_level: { en: "Kind of item (key)", es: "Tipo de elemento (clave)" },
  col_number: { en: "Number in the plan", es: "Número en el plan" },
  col_title: { en: "Title", es: "Título" },
  col_assignee: { en: "Who is assigned", es: "Persona asignada" },
  col_due_date: { en: "Due date (YYYY-MM-DD)", es: "Fecha límite (AAAA-MM-DD)" },
  col_timeframe: { en: "Timeframe", es: "Plazo" },
  col_status: {
    en: "Status: not_started, in_progress, completed, deferred or dropped",
    es: "Estado: not_started, in_progress, completed, deferred o dropped",
  },
  col_item_id: { en: "Item id (ignored by the import)", es: "Id del elemento (la importación lo ignora)" },
} as const satisfies Record<string, Record<ExportLocale, string>>;

export type ExportWord = keyof typeof WORDS;

export function word(key: ExportWord, locale: ExportLocale): string {
  return WORDS[key][locale];
}

export function statusLabel(status: ItemStatus, locale: ExportLocale): string {
  return word(`status_${status}`, locale);
}
