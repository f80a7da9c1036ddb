import type { EventPattern } from "@sprida/core/event";
import type { DynamoDBRecord } from "aws-lambda";
import { matchesPattern, validatePattern } from "../pattern";

/**
 * Lambda's event filtering for stream sources: a record is delivered when it
 * matches any of the patterns, matched against the record's JSON as the function
 * would receive it; with no patterns every record is delivered.
 * Patterns are checked up front so a typo fails at start, not silently at runtime.
 */
export function createRecordFilter(
  consumerId: string,
  filters: EventPattern[],
): (record: DynamoDBRecord) => boolean {
  for (const [index, pattern] of filters.entries()) {
    try {
      validatePattern(pattern);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Stream consumer ${consumerId}: filter ${index} is invalid: ${reason}`);
    }
  }
  if (filters.length === 0) return () => true;
  return (record) => filters.some((pattern) => matchesPattern(pattern, record));
}
