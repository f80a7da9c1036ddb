export type Level = "INFO" | "WARN" | "ERROR";

/** The fields every line starts with, on Lambda (Powertools' standard keys) and locally alike. */
export interface Entry {
  level: Level;
  message: string;
  timestamp: string;
  service: string;
  [field: string]: unknown;
}

/** Where lines go: Powertools' Logger on Lambda, JSON lines elsewhere. */
export interface LogBackend {
  write(level: Level, message: string, attributes: Record<string, unknown>): void;
  /** What the Lambda runtime says about the invocation (request id, cold start). */
  addLambdaContext?(context: unknown): void;
}

/** POWERTOOLS_SERVICE_NAME is the variable Powertools reads; the same one names it locally. */
export const serviceName = () => process.env.POWERTOOLS_SERVICE_NAME || "sprida";
