/**
 * Turns a plan into the neutral document model (headings, paragraphs, tables) that both the DOCX and the
 * PDF renderer draw, so each template's table layout is written once. Templates whose seed document has its
 * own tables get their own layout; any other template gets the generic one.
 */
import type { PlanDocument } from "../features/plans/plans.presenter.ts";
import type { ExportLocale } from "./labels.ts";
import { type Block, LayoutContext, type PlanLayout } from "./layout/blocks.ts";
import { genericBlocks } from "./layout/generic.ts";
import { linkagesBlocks } from "./layout/linkages.ts";
import { partnershipBlocks } from "./layout/partnership.ts";
import { sipBlocks } from "./layout/sip.ts";

export type { Block, Cell, Inline, PlanLayout, Row, TableBlock, TextRun } from "./layout/blocks.ts";

const LAYOUTS: Record<string, (ctx: LayoutContext) => Block[]> = {
  "partnership-work-plan": partnershipBlocks,
  "linkages-work-plan": linkagesBlocks,
  "county-sip": sipBlocks,
};

export function planLayout(doc: PlanDocument, locale: ExportLocale): PlanLayout {
  const ctx = new LayoutContext(doc, locale);
  const blocks = (LAYOUTS[doc.templateKey] ?? genericBlocks)(ctx);
  return { title: doc.title, language: locale === "es" ? "es-US" : "en-US", blocks };
}
