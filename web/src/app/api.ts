import type { ApiErrorDetail } from "./types.ts";

/** An error answered by the API, parsed from `{ "error": { code, message, details } }`. */
export class ApiError extends Error {
  readonly code: string;
  readonly details: ApiErrorDetail[];
  readonly status: number;

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Codes the client itself produces when no API answer could be read. */
export const NETWORK_ERROR = "client.network";
export const UNREADABLE_RESPONSE = "client.unreadable_response";

type CsrfTokenSource = () => string | undefined;
let readCsrfToken: CsrfTokenSource = () => undefined;

/**
 * Tells the client where the current session's CSRF token lives (the cached `/api/me` answer).
 * Every non-GET request echoes it in `x-csrf-token`.
 */
export function setCsrfTokenSource(source: CsrfTokenSource): void {
  readCsrfToken = source;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return new ApiError(
      response.status,
      UNREADABLE_RESPONSE,
      response.statusText || `HTTP ${response.status}`,
    );
  }
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === "string") {
    const details = Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [];
    const message = typeof error.message === "string" ? error.message : error.code;
    return new ApiError(response.status, error.code, message, details);
  }
  return new ApiError(response.status, UNREADABLE_RESPONSE, `HTTP ${response.status}`);
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export async function apiRequest<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") {
    const token = readCsrfToken();
    if (token) headers["x-csrf-token"] = token;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : "Network error");
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204 || response.status === 202) return undefined as T;
  const text = await response.text();
  if (text === "") return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(
      response.status,
      UNREADABLE_RESPONSE,
      "The server answered with something other than JSON.",
    );
  }
}

/** Builds a query string from the defined, non-empty values only. */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

export const api = {
  get: <T>(path: string) => apiRequest<T>("GET", path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>("POST", path, body ?? {}),
  put: <T>(path: string, body?: unknown) => apiRequest<T>("PUT", path, body ?? {}),
  delete: <T = void>(path: string) => apiRequest<T>("DELETE", path),
};

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
