import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { type TemplateDefinition, TemplateDefinition as TemplateSchema } from "./template.schema.ts";

export const TEMPLATES_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../templates");

const validateShape = new Ajv({ allErrors: true, strict: false }).compile<TemplateDefinition>(TemplateSchema);

/** Problems a template can have beyond its JSON shape; an empty list means it is usable. */
export function checkTemplate(template: TemplateDefinition): string[] {
  const problems: string[] = [];
  const levels = new Map(template.levels.map((l) => [l.key, l]));
  if (levels.size !== template.levels.length) problems.push("level keys must be unique");
  const sectionKeys = new Set(template.sections.map((s) => s.key));
  if (sectionKeys.size !== template.sections.length) problems.push("section keys must be unique");
  const headerKeys = new Set(template.header.map((f) => f.key));
  if (headerKeys.size !== template.header.length) problems.push("header field keys must be unique");
  for (const section of template.sections) {
    if (section.kind === "items") {
      if (!section.rootLevel || !levels.has(section.rootLevel)) {
        problems.push(`section "${section.key}": rootLevel "${section.rootLevel ?? ""}" is not a level`);
      }
    } else if (!section.fields || section.fields.length === 0) {
      problems.push(`section "${section.key}": a fields section needs fields`);
    }
  }
  for (const level of template.levels) {
    for (const child of level.children) {
      if (!levels.has(child)) problems.push(`level "${level.key}": child "${child}" is not a level`);
    }
    const fieldKeys = new Set(level.fields.map((f) => f.key));
    if (fieldKeys.size !== level.fields.length)
      problems.push(`level "${level.key}": field keys must be unique`);
  }
  for (const field of [
    ...template.header,
    ...template.levels.flatMap((l) => l.fields),
    ...template.sections.flatMap((s) => s.fields ?? []),
  ]) {
    if (field.type === "select" && (!field.options || field.options.length === 0)) {
      problems.push(`field "${field.key}": a select needs options`);
    }
  }
  // No level may contain itself, directly or not (the item tree must be finite in depth).
  const visiting = new Set<string>();
  const visit = (key: string, trail: string[]) => {
    if (visiting.has(key)) {
      problems.push(`levels form a cycle: ${[...trail, key].join(" → ")}`);
      return;
    }
    visiting.add(key);
    for (const child of levels.get(key)?.children ?? []) visit(child, [...trail, key]);
    visiting.delete(key);
  };
  for (const section of template.sections) if (section.rootLevel) visit(section.rootLevel, []);
  return problems;
}

export function parseTemplate(json: unknown, source: string): TemplateDefinition {
  if (!validateShape(json)) {
    const errors = (validateShape.errors ?? [])
      .map((e) => `${e.instancePath || "/"} ${e.message}`)
      .join("; ");
    throw new Error(`template ${source} is not valid: ${errors}`);
  }
  const problems = checkTemplate(json);
  if (problems.length > 0) throw new Error(`template ${source} is not valid: ${problems.join("; ")}`);
  return json;
}

export interface TemplateCatalog {
  /** The newest version of each template, for new plans. */
  latest(key: string): TemplateDefinition | undefined;
  get(key: string, version: number): TemplateDefinition | undefined;
  list(): TemplateDefinition[];
}

/** Loads every `<key>.v<version>.json` of the folder; a broken template stops start-up with its reason. */
export function loadTemplates(folder = TEMPLATES_FOLDER): TemplateCatalog {
  const all: TemplateDefinition[] = [];
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const template = parseTemplate(JSON.parse(readFileSync(path.join(folder, file), "utf8")), file);
    if (file !== `${template.key}.v${template.version}.json`) {
      throw new Error(`template file ${file} should be named ${template.key}.v${template.version}.json`);
    }
    all.push(template);
  }
  const latest = new Map<string, TemplateDefinition>();
  for (const t of all) if ((latest.get(t.key)?.version ?? 0) < t.version) latest.set(t.key, t);
  return {
    latest: (key) => latest.get(key),
    get: (key, version) => all.find((t) => t.key === key && t.version === version),
    list: () => [...latest.values()],
  };
}
