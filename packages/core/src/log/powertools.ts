import { Logger } from "@aws-lambda-powertools/logger";
import type { Context } from "aws-lambda";
import type { LogBackend } from "./line";
import { serviceName } from "./line";

/**
 * On Lambda: Powertools' Logger writes the JSON record itself (level, message, timestamp,
 * service, the invocation's request id and cold start, X-Ray trace id), honours the
 * function's log level (AWS_LAMBDA_LOG_LEVEL) and writes past the runtime's own formatting,
 * so a line is one JSON record, not one wrapped in another.
 */
export function powertoolsBackend(): LogBackend {
  const logger = new Logger({ serviceName: serviceName() });
  return {
    write(level, message, attributes) {
      if (level === "ERROR") logger.error(message, attributes);
      else if (level === "WARN") logger.warn(message, attributes);
      else logger.info(message, attributes);
    },
    addLambdaContext(context) {
      if (isLambdaContext(context)) logger.addContext(context);
    },
  };
}

function isLambdaContext(context: unknown): context is Context {
  return (
    typeof context === "object" &&
    context !== null &&
    typeof (context as Partial<Context>).awsRequestId === "string" &&
    typeof (context as Partial<Context>).functionName === "string"
  );
}
