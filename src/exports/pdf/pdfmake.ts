/**
 * The one pdfmake printer every PDF export uses: the Roboto files pdfmake ships are the only files it may
 * read, and it fetches no URL. Import `pdfmake` from here instead of configuring it again.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { TDocumentDefinitions } from "pdfmake/interfaces";

const require = createRequire(import.meta.url);
// pdfmake's Node entry is CommonJS and exports one printer object (no ESM named exports).
export const pdfmake = require("pdfmake") as typeof import("pdfmake");
const robotoDir = path.join(path.dirname(require.resolve("pdfmake/package.json")), "fonts", "Roboto");
const ROBOTO = {
  normal: path.join(robotoDir, "Roboto-Regular.ttf"),
  bold: path.join(robotoDir, "Roboto-Medium.ttf"),
  italics: path.join(robotoDir, "Roboto-Italic.ttf"),
  bolditalics: path.join(robotoDir, "Roboto-MediumItalic.ttf"),
};
const FONT_FILES = new Set(Object.values(ROBOTO));
pdfmake.setFonts({ Roboto: ROBOTO });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => FONT_FILES.has(path.resolve(file)));

/** Renders a document definition to the bytes of a PDF. */
export function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake.createPdf(definition).getBuffer();
}
