/**
 * One error type for the whole API. Each code has one HTTP status, mapped here and nowhere else;
 * the response body is always { error: { code, message, details } }.
 */
export const ERROR_STATUS = {
  "request.invalid_json": 400,
  "request.too_large": 413,
  "request.unsupported_media_type": 415,
  "validation.failed": 400,
  "route.not_found": 404,
  "auth.required": 401,
  "auth.invalid_credentials": 401,
  "auth.current_password_wrong": 400,
  "auth.locked": 423,
  "auth.csrf_failed": 403,
  "auth.reset_token_invalid": 400,
  "auth.rate_limited": 429,
  "access.denied": 403,
  "resource.not_found": 404,
  "invitation.invalid": 404,
  "invitation.email_taken": 409,
  "membership.exists": 409,
  "organization.not_member": 403,
  "conflict.stale_version": 409,
  "plan.locked": 409,
  "workflow.transition_invalid": 409,
  "workflow.checks_failing": 422,
  "public.comments_closed": 409,
  "family.possible_duplicate": 409,
  "family.case_closed": 409,
  "family.case_open": 409,
  "family.plan_not_pending": 409,
  "organization.not_found": 404,
  "consent.required": 403,
  "consent.invalid": 422,
  "consent.already_revoked": 409,
  "shared.own_family": 422,
  "break_glass.already_reviewed": 409,
  "retention.preview_stale": 409,
  "referral.on_trellis": 409,
  "referral.provider_linked": 409,
  "ta.transition_invalid": 409,
  "ta.overlap_decided": 409,
  "training.full": 409,
  "survey.response_limit": 409,
  "library.file_rejected": 422,
  internal: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  /** JSON pointer-ish path of the offending field, e.g. "/body/email". */
  field?: string;
  message: string;
  [key: string]: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Raised by authorize(); the error handler audits it before answering. */
export class AccessDeniedError extends AppError {
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly organizationId: string | null;
  constructor(opts: {
    action: string;
    resourceType: string;
    resourceId?: string | null;
    organizationId?: string | null;
    /** Answer 404 where the existence of the resource must not leak. */
    conceal?: boolean;
  }) {
    super(
      opts.conceal ? "resource.not_found" : "access.denied",
      opts.conceal ? "Not found." : "You do not have permission to do this.",
    );
    this.action = opts.action;
    this.resourceType = opts.resourceType;
    this.resourceId = opts.resourceId ?? null;
    this.organizationId = opts.organizationId ?? null;
  }
}

export function notFound(what: string): AppError {
  return new AppError("resource.not_found", `${what} not found.`);
}
