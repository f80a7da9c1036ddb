export {
  BACKOFF_MS,
  type DeliveryRun,
  deliverEvent,
  deliveries,
  MAX_RETRIES_PER_RUN,
  newRun,
  orgsWithDue,
  retryDue,
  sendTest,
} from "./delivery";
export * as Webhook from "./index";
export { SECRET_PREFIX, sign, verify } from "./signature";
export {
  create,
  get,
  list,
  MAX_WEBHOOKS_PER_ORG,
  remove,
  rotateSecret,
  update,
} from "./webhook";
export * from "./webhook.schema";
