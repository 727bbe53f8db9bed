/**
 * What a shared file really is, from its first bytes (and, for Office files, the parts inside the zip):
 * never trust the name or the declared type. Only documents people exchange in a learning library are kept.
 */
import JSZip from "jszip";

export const LIBRARY_FILE_TYPES = {
  pdf: { contentType: "application/pdf", extensions: [".pdf"] },
  docx: {
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: [".docx"],
  },
  xlsx: {
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: [".xlsx"],
  },
  png: { contentType: "image/png", extensions: [".png"] },
  jpeg: { contentType: "image/jpeg", extensions: [".jpg", ".jpeg"] },
} as const;
export type LibraryFileType = keyof typeof LIBRARY_FILE_TYPES;

const startsWith = (bytes: Buffer, signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** The type the content is, or null when it is none we keep. */
export async function sniffFileType(bytes: Buffer): Promise<LibraryFileType | null> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf"; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    try {
      const zip = await JSZip.loadAsync(bytes);
      if (!zip.file("[Content_Types].xml")) return null;
      if (zip.file("word/document.xml")) return "docx";
      if (zip.file("xl/workbook.xml")) return "xlsx";
    } catch {
      return null;
    }
  }
  return null;
}

/** The type a file name claims, by its extension. */
export function typeFromFileName(fileName: string): LibraryFileType | null {
  const lower = fileName.toLowerCase();
  for (const [type, info] of Object.entries(LIBRARY_FILE_TYPES)) {
    if (info.extensions.some((ext) => lower.endsWith(ext))) return type as LibraryFileType;
  }
  return null;
}
