export * from "./accounts.ts";
export * from "./audit.ts";
export * from "./measures.ts";
export * from "./organizations.ts";
export * from "./outbox.ts";
export * from "./plans.ts";
export * from "./sip.ts";
