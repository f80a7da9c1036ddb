/** The API's error body: `{ error: { code, message, issues? } }`. */
interface ErrorBody {
  error?: { code?: string; message?: string; issues?: { path?: string; message?: string }[] };
}

/** A failed call: the HTTP status (0 when the network failed), the API's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { path?: string; message?: string }[] = [],
  ) {
    super(message || code);
  }

  static from(status: number, body: unknown): ApiError {
    const error = (body as ErrorBody | undefined)?.error;
    return new ApiError(status, error?.code ?? "failed", error?.message ?? "", error?.issues ?? []);
  }

  get signedOut(): boolean {
    return this.status === 401;
  }

  get offline(): boolean {
    return this.status === 0;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
