/**
 * "Core Representatives" of the SIP team (seed 002, section IV.1, lines 74–84; the glossary repeats them as
 * "Mandated members", lines 503–518). Probation is "a mandated member of the SIP Team" (glossary, line 490).
 */
import { CORE_REPRESENTATIVES, type Finding, finding, type SipCheckContext } from "./catalogue.ts";

/** "Foster parents" → "foster parents" inside a sentence; "CWS …", "CDSS …", "California …" keep their capitals. */
const inSentence = (label: string) =>
  /^(?:[A-Z]{2}|California)/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);

export function checkCoreRepresentatives(context: SipCheckContext): Finding[] {
  const present = new Set(context.team.map((m) => m.representative).filter((r) => r !== null));
  return CORE_REPRESENTATIVES.filter((kind) => kind.required === "always" || context.youthConnectionAvailable)
    .filter((kind) => !present.has(kind.key))
    .map((kind) =>
      finding("sip.core_representative_missing", {
        en: `The SIP team has no core representative for ${inSentence(kind.label.en)}; the guide makes them mandated members.`,
        es: `El equipo del SIP no tiene ningún representante principal de ${inSentence(kind.label.es)}; la guía los hace miembros obligatorios.`,
      }),
    );
}
