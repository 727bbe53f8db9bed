/**
 * The words of consent, in English and Spanish, as a family reads them: each data category with a
 * one-line description of what it covers (docs/consent.md, "Vocabulary"), each purpose and each way
 * consent is given. The consent PDFs, the blank form and the web pages use these, so a family sees the
 * same words on paper and on screen.
 */
import type { ConsentMethod, ConsentPurpose, DataCategory } from "../../db/schema/consent.ts";

export type PrivacyLocale = "en" | "es";

export interface Bilingual {
  en: string;
  es: string;
}

export interface CategoryLabel extends Bilingual {
  description: Bilingual;
}

export const CATEGORY_LABELS: Record<DataCategory, CategoryLabel> = {
  identity_contact: {
    en: "Identity and contact details",
    es: "Identidad y datos de contacto",
    description: {
      en: "Family name, language, phone, e-mail, address, and household members (names, dates of birth, relationship).",
      es: "Nombre de la familia, idioma, teléfono, correo electrónico, dirección y miembros del hogar (nombres, fechas de nacimiento, parentesco).",
    },
  },
  assessment: {
    en: "Assessments",
    es: "Evaluaciones",
    description: {
      en: "Assessments of the family's strengths and needs, crisis screens, and the level of support.",
      es: "Evaluaciones de las fortalezas y necesidades de la familia, revisiones de crisis y el nivel de apoyo.",
    },
  },
  service_plan: {
    en: "Service plan",
    es: "Plan de servicios",
    description: {
      en: "The service plan in effect: the family's goals in its own words, the steps, and how the family will move on.",
      es: "El plan de servicios vigente: las metas de la familia en sus propias palabras, los pasos y cómo la familia dejará el apoyo.",
    },
  },
  contact_notes: {
    en: "Contact notes",
    es: "Notas de contacto",
    description: {
      en: "Visits, calls and other contacts with the family and their notes, and the review of services.",
      es: "Visitas, llamadas y otros contactos con la familia y sus notas, y la revisión de los servicios.",
    },
  },
  referral_details: {
    en: "Referrals",
    es: "Referencias",
    description: {
      en: "Referrals made for the family to other services, their reasons and outcomes.",
      es: "Referencias de la familia a otros servicios, sus motivos y resultados.",
    },
  },
  welfare_to_work_eligibility: {
    en: "Welfare-to-work (CalWORKs) eligibility",
    es: "Elegibilidad para el programa de asistencia y empleo (CalWORKs)",
    description: {
      en: "Program records of the family's eligibility for welfare-to-work (CalWORKs).",
      es: "Registros del programa sobre la elegibilidad de la familia para asistencia y empleo (CalWORKs).",
    },
  },
  child_welfare_history: {
    en: "Child welfare history",
    es: "Historial de bienestar infantil",
    description: {
      en: "Program records of the family's history with child welfare services.",
      es: "Registros del programa sobre el historial de la familia con los servicios de bienestar infantil.",
    },
  },
};

export const PURPOSE_LABELS: Record<ConsentPurpose, Bilingual> = {
  service_coordination: { en: "Coordinating services", es: "Coordinar servicios" },
  referral: { en: "Referrals to services", es: "Referencias a servicios" },
  joint_case_planning: { en: "Planning the case together", es: "Planificar el caso en conjunto" },
};

export const METHOD_LABELS: Record<ConsentMethod, Bilingual> = {
  signed_form: { en: "Signed form (on file)", es: "Formulario firmado (archivado)" },
  typed_signature: { en: "Typed signature", es: "Firma escrita a máquina" },
  verbal: { en: "Verbal, with a witness", es: "Verbal, ante un testigo" },
};
