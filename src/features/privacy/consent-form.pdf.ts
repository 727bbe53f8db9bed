/**
 * Consent on paper, in English or Spanish: a consent as it was given (every category and purpose listed,
 * the agreed ones checked, so the family also sees what is not shared), and the blank form a family fills
 * in and signs for one pair of organizations.
 */
import type { Content } from "pdfmake/interfaces";
import { CONSENT_PURPOSES, DATA_CATEGORIES } from "../../db/schema/consent.ts";
import {
  type Bilingual,
  CATEGORY_LABELS,
  METHOD_LABELS,
  type PrivacyLocale,
  PURPOSE_LABELS,
} from "./consent-form.labels.ts";
import type { BlankConsentForm, FilledConsent } from "./consent-form.ts";
import {
  checkItem,
  dateTime,
  factsTable,
  longDate,
  orDash,
  type PdfOptions,
  renderPrivacyPdf,
  writeLine,
} from "./privacy-documents.pdf.ts";

const WORDS = {
  title: { en: "Consent to share information", es: "Consentimiento para compartir información" },
  blankTitle: {
    en: "Consent to share information (form)",
    es: "Consentimiento para compartir información (formulario)",
  },
  family: { en: "Family", es: "Familia" },
  givenBy: { en: "Given by", es: "Otorgado por" },
  sharing: { en: "Organization that shares", es: "Organización que comparte" },
  receiving: { en: "Organizations that may receive it", es: "Organizaciones que pueden recibirla" },
  agreement: {
    en: "The family agrees that {sharing} may share the information checked below with {receiving}, for the purposes checked below, during the dates below.",
    es: "La familia acepta que {sharing} comparta la información marcada abajo con {receiving}, para los fines marcados abajo, durante las fechas indicadas abajo.",
  },
  categories: { en: "What may be shared", es: "Qué información se puede compartir" },
  categoriesHint: {
    en: "Check each kind of information you agree to share. Anything not checked is not shared.",
    es: "Marque cada tipo de información que acepta compartir. Lo que no esté marcado no se comparte.",
  },
  purposes: { en: "For what purposes", es: "Para qué fines" },
  dates: { en: "When", es: "Cuándo" },
  effectiveOn: { en: "In effect from", es: "Vigente desde" },
  expiresOn: { en: "Until", es: "Hasta" },
  untilRevoked: { en: "Until it is revoked", es: "Hasta que se revoque" },
  expiresHint: {
    en: "Until (leave blank: until I revoke it)",
    es: "Hasta (déjelo en blanco: hasta que lo revoque)",
  },
  how: { en: "How consent was given", es: "Cómo se otorgó el consentimiento" },
  method: { en: "Method", es: "Método" },
  typedSignature: { en: "Signature (typed)", es: "Firma (escrita a máquina)" },
  signedOn: { en: "Signed on", es: "Fecha de la firma" },
  witness: { en: "Witness", es: "Testigo" },
  signedForm: { en: "Signed form on file", es: "Formulario firmado archivado" },
  recorded: { en: "Recorded by", es: "Registrado por" },
  state: { en: "State today", es: "Estado hoy" },
  revocation: { en: "Revocation", es: "Revocación" },
  revokedAt: { en: "Revoked on", es: "Revocado el" },
  revokedBy: { en: "Recorded by", es: "Registrado por" },
  reason: { en: "Reason", es: "Motivo" },
  rights: { en: "Your rights", es: "Sus derechos" },
  rightsText: {
    en: "You may revoke (take back) this consent at any time by telling your case manager. Revocation takes effect at once: from then on the organizations named here can no longer see your family's information through this consent. You may ask for a copy of this consent, and for a report of who has seen your family's record.",
    es: "Usted puede revocar (retirar) este consentimiento en cualquier momento avisándole a su coordinador(a) del caso. La revocación tiene efecto de inmediato: desde ese momento las organizaciones nombradas aquí ya no pueden ver la información de su familia por medio de este consentimiento. Usted puede pedir una copia de este consentimiento y un informe de quién ha visto el expediente de su familia.",
  },
  familyName: { en: "Family name", es: "Nombre de la familia" },
  personName: {
    en: "Name of the person giving consent",
    es: "Nombre de la persona que da el consentimiento",
  },
  relationship: { en: "Relationship to the family", es: "Parentesco con la familia" },
  signature: { en: "Signature", es: "Firma" },
  date: { en: "Date", es: "Fecha" },
  witnessLine: {
    en: "Witness (when consent is given verbally)",
    es: "Testigo (cuando el consentimiento es verbal)",
  },
  staffLine: {
    en: "Staff member who received the form",
    es: "Miembro del personal que recibió el formulario",
  },
} as const satisfies Record<string, Bilingual>;

const STATES: Record<FilledConsent["state"], Bilingual> = {
  valid: { en: "In effect", es: "Vigente" },
  not_yet_effective: { en: "Not yet in effect", es: "Todavía no vigente" },
  expired: { en: "Expired", es: "Vencido" },
  revoked: { en: "Revoked", es: "Revocado" },
};

function words(locale: PrivacyLocale) {
  return (key: keyof typeof WORDS) => WORDS[key][locale];
}

function agreement(locale: PrivacyLocale, sharing: string, receiving: string[]): Content {
  const list = new Intl.ListFormat(locale === "es" ? "es" : "en", { type: "conjunction" }).format(receiving);
  return {
    text: WORDS.agreement[locale].replace("{sharing}", sharing).replace("{receiving}", list),
    style: "note",
  };
}

function choices(
  locale: PrivacyLocale,
  categories: readonly string[],
  purposes: readonly string[],
): Content[] {
  const w = words(locale);
  return [
    { text: w("categories"), style: "h1" },
    ...DATA_CATEGORIES.map((key) =>
      checkItem(
        categories.includes(key),
        CATEGORY_LABELS[key][locale],
        CATEGORY_LABELS[key].description[locale],
      ),
    ),
    { text: w("purposes"), style: "h1" },
    ...CONSENT_PURPOSES.map((key) => checkItem(purposes.includes(key), PURPOSE_LABELS[key][locale])),
  ];
}

function rights(locale: PrivacyLocale): Content[] {
  const w = words(locale);
  return [
    { text: w("rights"), style: "h1" },
    { text: w("rightsText"), style: "note" },
  ];
}

export function renderConsentPdf(consent: FilledConsent, options: PdfOptions): Promise<Buffer> {
  const { locale } = options;
  const w = words(locale);
  const day = (iso: string | null) => longDate(iso, locale);
  const givenBy = consent.givenByMember
    ? `${consent.givenByName} (${consent.givenByMember.relationship})`
    : consent.givenByName;
  const how: [string, string][] = [[w("method"), METHOD_LABELS[consent.method][locale]]];
  if (consent.typedSignature) how.push([w("typedSignature"), consent.typedSignature]);
  if (consent.signedOn) how.push([w("signedOn"), day(consent.signedOn)]);
  if (consent.witnessName) how.push([w("witness"), consent.witnessName]);
  if (consent.signedFormFileName) how.push([w("signedForm"), consent.signedFormFileName]);
  const recordedAt = dateTime(consent.recordedAt, options);
  how.push([w("recorded"), consent.recordedByName ? `${consent.recordedByName}, ${recordedAt}` : recordedAt]);
  how.push([w("state"), STATES[consent.state][locale]]);

  const content: Content[] = [
    { text: w("title"), style: "title" },
    factsTable([
      [w("family"), consent.familyName],
      [w("givenBy"), givenBy],
      [w("sharing"), consent.organizationName],
      [w("receiving"), consent.receivingOrganizationNames.join(", ")],
    ]),
    agreement(locale, consent.organizationName, consent.receivingOrganizationNames),
    ...choices(locale, consent.categories, consent.purposes),
    { text: w("dates"), style: "h1" },
    factsTable([
      [w("effectiveOn"), day(consent.effectiveOn)],
      [w("expiresOn"), consent.expiresOn ? day(consent.expiresOn) : w("untilRevoked")],
    ]),
    { text: w("how"), style: "h1" },
    factsTable(how),
  ];
  if (consent.revokedAt) {
    content.push(
      { text: w("revocation"), style: "h1" },
      factsTable([
        [w("revokedAt"), dateTime(consent.revokedAt, options)],
        [w("revokedBy"), orDash(consent.revokedByName)],
        [w("reason"), orDash(consent.revocationReason)],
      ]),
    );
  }
  content.push(...rights(locale));
  return renderPrivacyPdf({ title: w("title"), subject: consent.familyName, locale, content });
}

export function renderBlankConsentFormPdf(form: BlankConsentForm, locale: PrivacyLocale): Promise<Buffer> {
  const w = words(locale);
  const pair = (left: string, right: string): Content => ({
    columns: [writeLine(left), writeLine(right, 200)],
    columnGap: 30,
  });
  const content: Content[] = [
    { text: w("blankTitle"), style: "title" },
    factsTable([
      [w("sharing"), form.sharingOrganizationName],
      [w("receiving"), form.receivingOrganizationName],
    ]),
    agreement(locale, form.sharingOrganizationName, [form.receivingOrganizationName]),
    writeLine(w("familyName"), 480),
    pair(w("personName"), w("relationship")),
    { text: w("categoriesHint"), style: "note", margin: [0, 8, 0, 4] },
    ...choices(locale, [], []),
    { text: w("dates"), style: "h1" },
    pair(w("effectiveOn"), w("expiresHint")),
    // The rights and the signatures stay together: the family signs under what it was told.
    {
      unbreakable: true,
      stack: [
        ...rights(locale),
        { text: w("signature"), style: "h1" },
        pair(w("signature"), w("date")),
        pair(w("witnessLine"), w("date")),
        pair(w("staffLine"), w("date")),
      ],
    },
  ];
  return renderPrivacyPdf({
    title: w("blankTitle"),
    subject: form.receivingOrganizationName,
    locale,
    content,
  });
}
