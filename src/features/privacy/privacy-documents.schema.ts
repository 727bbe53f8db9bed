/** Requests of the privacy documents (access report, record export, consent PDFs) and their shared parts. */
import { type Static, Type } from "typebox";
import { Uuid } from "../../server/schema.ts";
import type { PrivacyLocale } from "./consent-form.labels.ts";

export const DocumentLocale = Type.Enum(["en", "es"]);

export const FamilyDocumentQuery = Type.Object(
  {
    format: Type.Optional(Type.Enum(["json", "pdf"], { default: "json" })),
    /** Default: the family's preferred language when it is Spanish, else English. */
    locale: Type.Optional(DocumentLocale),
  },
  { additionalProperties: false },
);
export type FamilyDocumentQuery = Static<typeof FamilyDocumentQuery>;

export const ConsentPdfQuery = Type.Object(
  { locale: Type.Optional(DocumentLocale) },
  { additionalProperties: false },
);

export const ConsentFormQuery = Type.Object(
  { receivingOrganizationId: Uuid, locale: Type.Optional(DocumentLocale) },
  { additionalProperties: false },
);

export const PdfBody = Type.String({ description: "the PDF" });

/** The language a family's document is written in: the one asked for, else the family's own. */
export function familyLocale(asked: PrivacyLocale | undefined, preferredLanguage: string): PrivacyLocale {
  return asked ?? (preferredLanguage.toLowerCase().startsWith("es") ? "es" : "en");
}
