/** Error codes of the HTTP API (API.md "Errors"), shared by server and client. */
export const ErrorCodes = Object.freeze({
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  BAD_JSON: 'BAD_JSON',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  SLOT_FULL: 'SLOT_FULL',
  ALREADY_BOOKED: 'ALREADY_BOOKED',
  PRECONDITION_REQUIRED: 'PRECONDITION_REQUIRED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const);

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The body of every non-2xx response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** One entry of `details` for VALIDATION_FAILED. */
export interface FieldIssue {
  path: string;
  message: string;
}
