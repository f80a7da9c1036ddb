/** The alarm line a spent sign-in budget writes, for the infra test that matches its metric filter. */
export { reportSpentBudgets } from "./sign-in-limits";
