import { DomainError } from "@sprida/core/error";
import { JavaMissingError, PortInUseError } from "../dynamodb";

/** Errors a person can fix get one line that says how; anything else gets its stack. */
export function printFailure(error: unknown): void {
  if (
    error instanceof JavaMissingError ||
    error instanceof PortInUseError ||
    error instanceof DomainError
  ) {
    console.error(`\n${error.message}`);
  } else {
    console.error("\nSprida could not start:", error);
  }
}
