/**
 * Milestones "should be stated in an action-completed manner (“Training for all staff completed.” versus
 * “All staff will be trained.”)" (seed 002, glossary "Milestone", line 478).
 *
 * Detection looks for future or intent wording, a leading infinitive and a leading imperative verb. A
 * rewording is offered only where word order can be changed mechanically and still read well; otherwise the
 * suggestion is a generic hint.
 */
import { type Finding, finding, type I18nText } from "./catalogue.ts";
import { type SipItem, subject } from "./items.ts";

export type WordingAssessment = { completed: true } | { completed: false; suggestion: I18nText };

/** Participle → the noun of the action, for "X will be trained" → "Training for X completed." */
const ACTION_NOUNS = new Map<string, string>(
  Object.entries({
    trained: "Training for",
    educated: "Education for",
    developed: "Development of",
    implemented: "Implementation of",
    reviewed: "Review of",
    hired: "Hiring of",
    established: "Establishment of",
    evaluated: "Evaluation of",
    assessed: "Assessment of",
    revised: "Revision of",
    updated: "Update of",
    recruited: "Recruitment of",
    certified: "Certification of",
    licensed: "Licensing of",
    screened: "Screening of",
    expanded: "Expansion of",
    translated: "Translation of",
    distributed: "Distribution of",
  }),
);

/** Imperative verbs whose object can be moved before their participle: "Develop a protocol" → "Protocol developed." */
const IMPERATIVE_PARTICIPLES = new Map<string, string>(
  Object.entries({
    adopt: "adopted",
    analyze: "analyzed",
    assign: "assigned",
    collect: "collected",
    complete: "completed",
    conduct: "conducted",
    convene: "convened",
    create: "created",
    design: "designed",
    develop: "developed",
    distribute: "distributed",
    draft: "drafted",
    establish: "established",
    execute: "executed",
    finalize: "finalized",
    form: "formed",
    hire: "hired",
    hold: "held",
    host: "hosted",
    identify: "identified",
    implement: "implemented",
    launch: "launched",
    negotiate: "negotiated",
    obtain: "obtained",
    prepare: "prepared",
    provide: "provided",
    publish: "published",
    purchase: "purchased",
    recruit: "recruited",
    review: "reviewed",
    revise: "revised",
    schedule: "scheduled",
    secure: "secured",
    sign: "signed",
    submit: "submitted",
    train: "trained",
    translate: "translated",
    update: "updated",
    write: "written",
  }),
);

/** Imperatives detected but not reworded mechanically (their object is an outcome, or they take none). */
// biome-ignore format: a packed word list reads better than one word a line
const OTHER_IMPERATIVES = new Set([
  "assess", "attend", "begin", "build", "collaborate", "continue", "coordinate", "educate", "engage",
  "ensure", "evaluate", "expand", "explore", "facilitate", "improve", "increase", "initiate", "meet",
  "monitor", "offer", "participate", "partner", "pilot", "plan", "present", "reduce", "research", "start",
  "strengthen", "support", "track", "use", "utilize", "work",
]);

/** First words that are as often nouns ("Review of cases completed.", "Draft protocol approved."). */
// biome-ignore format: a packed word list reads better than one word a line
const NOUN_OR_VERB = new Set([
  "complete", "contract", "design", "draft", "form", "increase", "pilot", "plan", "review", "schedule",
  "support", "update", "use", "work",
]);

// biome-ignore format: a packed word list reads better than one word a line
const IRREGULAR_PARTICIPLES = new Set([
  "begun", "bought", "brought", "built", "chosen", "done", "drawn", "found", "given", "held", "kept", "known",
  "made", "met", "paid", "sent", "shown", "sold", "taken", "taught", "told", "undertaken", "written", "won",
]);

const COMPLETION_PHRASES = /\b(?:in place|in effect|under ?way|operational|on file|achieved)\s*[.!]?$/i;
/** Words that may follow a completed verb: "adopted by the Board", "signed and filed", "held quarterly". */
// biome-ignore format: a packed word list reads better than one word a line
const AFTER_PARTICIPLE = new Set([
  "and", "as", "at", "before", "by", "countywide", "during", "for", "from", "in", "monthly", "no", "on",
  "per", "quarterly", "statewide", "through", "to", "under", "with", "within", "annually", "weekly",
]);
const NOT_PARTICIPLES = new Set(["hundred", "kindred", "sacred", "need", "seed", "feed", "speed", "breed"]);

const FUTURE = /\b(?:will|shall|to be|plans? to|planning to|going to|intends? to|expects? to)\b/i;
/** Spanish future tense ("se capacitará"), "va a"/"van a" and a leading infinitive. */
const SPANISH_FUTURE = /(?:\p{L}(?:ará|erá|irá|arán|erán|irán|drá|drán)(?!\p{L})|\bvan? a\b)/iu;
const SPANISH_INFINITIVE =
  /^(?:capacitar|desarrollar|realizar|crear|establecer|implementar|revisar|contratar|identificar|elaborar|llevar a cabo|proporcionar|organizar)\b/i;
/** A tail that stays after the completed verb: "by June 2027", "within 6 months", "countywide". */
const TIME_TAIL =
  /\s+((?:by|within|before|no later than|prior to|during)\s.+|countywide|statewide|quarterly|monthly|annually)$/i;
const TRAINING_TAIL =
  /\s+((?:on|in|to|by|within|before|no later than|prior to|during)\s.+|countywide|statewide|quarterly|monthly|annually)$/i;
/** After an imperative, a recipient also stays after the verb: "Provide training to staff" → "Training provided to staff." */
const RECIPIENT_OR_TIME_TAIL =
  /\s+((?:to|by|within|before|no later than|prior to|during)\s.+|countywide|statewide|quarterly|monthly|annually)$/i;

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const bare = (word: string) => word.toLowerCase().replace(/[^\p{L}'-]/gu, "");
const strip = (s: string) =>
  s
    .trim()
    .replace(/[.;!]+$/, "")
    .trim();

function isParticiple(word: string): boolean {
  const w = bare(word);
  if (IRREGULAR_PARTICIPLES.has(w)) return true;
  if (w.length < 5 || NOT_PARTICIPLES.has(w)) return false;
  return w.endsWith("ed") && (!w.endsWith("eed") || ["agreed", "guaranteed", "freed"].includes(w));
}

/** A completed verb at the end, or followed only by a prepositional or adverbial tail; not the first word. */
function endsAsCompleted(sentence: string): boolean {
  if (COMPLETION_PHRASES.test(sentence)) return true;
  const list = words(strip(sentence));
  return list.some(
    (w, i) =>
      i > 0 && isParticiple(w) && (i === list.length - 1 || AFTER_PARTICIPLE.has(bare(list[i + 1] ?? ""))),
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "All staff" → "all staff", but "CWS staff", "Spanish-speaking families" keep their capitals. */
function lowerFirstWord(s: string): string {
  const [first = ""] = words(s);
  const proper = /^(?:California|Spanish|English|Native|Tribal|American|Indian|Board|Court)\b/.test(first);
  if (proper || /\p{Lu}/u.test(first.slice(1)) || /\d/.test(first)) return s;
  return s.charAt(0).toLowerCase() + s.slice(1);
}
const dropArticle = (s: string) => s.replace(/^(?:a|an|the)\s+/i, "");
/** Moves a time tail after the completed verb: ("all staff by June 2027", "trained") → "all staff trained by June 2027". */
function withVerb(phrase: string, verb: string, tails = TIME_TAIL): string {
  const tail = tails.exec(phrase);
  return tail ? `${phrase.slice(0, tail.index)} ${verb} ${tail[1]}` : `${phrase} ${verb}`;
}
const same = (s: string): I18nText => ({ en: s, es: s });

const GENERIC: I18nText = {
  en: "Reword as a completed action, e.g. “… completed.”",
  es: "Redacte el hito como una acción cumplida, p. ej., «… completado.»",
};

/** "All staff will be trained" → "Training for all staff completed."; "Protocol will be adopted by the Board" → "Protocol adopted by the Board." */
function rewordPassive(sentence: string): string | null {
  const match = /^(.+?)\s+(?:will|shall|is to|are to|to)\s+be\s+(\p{L}+)(.*)$/iu.exec(sentence);
  if (!match) return null;
  const [, subject = "", participle = "", rest = ""] = match;
  if (!isParticiple(participle)) return null;
  const noun = ACTION_NOUNS.get(participle.toLowerCase());
  if (noun) return `${withVerb(`${noun} ${lowerFirstWord(subject)}${rest}`, "completed")}.`;
  return `${capitalize(subject)} ${participle.toLowerCase()}${rest}.`;
}

/** "The county will develop a protocol" → "Protocol developed by the county."; "We plan to hire two workers" → "Two workers hired." */
function rewordActive(sentence: string): string | null {
  const match =
    /^(.+?)\s+(?:will|shall|plans? to|is going to|are going to|intends? to)\s+(\p{L}+)\s+(.+)$/iu.exec(
      sentence,
    );
  if (!match) return null;
  const [, subject = "", verb = "", object = ""] = match;
  const participle = IMPERATIVE_PARTICIPLES.get(verb.toLowerCase());
  if (!participle) return null;
  const agent = /^(?:we|they|i|you)$/i.test(subject) ? "" : ` by ${lowerFirstWord(subject)}`;
  return `${withVerb(capitalize(dropArticle(object)), `${participle}${agent}`, RECIPIENT_OR_TIME_TAIL)}.`;
}

/** "Develop a protocol for X" → "Protocol for X developed."; "To hire two workers" → "Two workers hired." */
function rewordImperative(sentence: string): string | null {
  const [verb = "", ...rest] = words(sentence.replace(/^to\s+/i, ""));
  const participle = IMPERATIVE_PARTICIPLES.get(bare(verb));
  if (!participle || rest.length === 0) return null;
  // Whom one trains comes first, the subject after: "Train all staff on SDM" → "All staff trained on SDM."
  const tails = participle === "trained" ? TRAINING_TAIL : RECIPIENT_OR_TIME_TAIL;
  return `${withVerb(capitalize(dropArticle(rest.join(" "))), participle, tails)}.`;
}

export function assessMilestoneWording(title: string): WordingAssessment {
  const sentence = strip(title.replace(/^[\s\-–•*]+/, ""));
  if (sentence === "") return { completed: true };
  const first = bare(words(sentence)[0] ?? "");
  const infinitive = /^to\s+\p{L}/iu.test(sentence) && !/^to\s+be\b/i.test(sentence);
  const imperative =
    (IMPERATIVE_PARTICIPLES.has(first) || OTHER_IMPERATIVES.has(first)) &&
    !(NOUN_OR_VERB.has(first) && endsAsCompleted(sentence));
  const spanish = SPANISH_FUTURE.test(sentence) || SPANISH_INFINITIVE.test(sentence);
  if (!FUTURE.test(sentence) && !infinitive && !imperative && !spanish) return { completed: true };
  if (spanish) return { completed: false, suggestion: GENERIC };
  const reworded =
    rewordPassive(sentence) ??
    rewordActive(sentence) ??
    rewordImperative(sentence.replace(/^(?:plan|intend|expect)s? to\s+/i, ""));
  const usable = reworded !== null && !FUTURE.test(reworded);
  return { completed: false, suggestion: usable ? same(reworded) : GENERIC };
}

export function checkMilestoneWording(items: SipItem[]): Finding[] {
  const several = items.filter((i) => i.node.level === "component").length > 1;
  const findings: Finding[] = [];
  for (const m of items) {
    if (m.node.level !== "milestone") continue;
    const assessment = assessMilestoneWording(m.node.title);
    if (assessment.completed) continue;
    const who = subject(m, several);
    findings.push(
      finding(
        "sip.milestone_not_completed_action",
        {
          en: `${who.en} is not worded as a completed action: “${m.node.title.trim()}”.`,
          es: `${who.es} no está redactado como una acción cumplida: «${m.node.title.trim()}».`,
        },
        { itemId: m.node.id, section: m.section },
        assessment.suggestion,
      ),
    );
  }
  return findings;
}
