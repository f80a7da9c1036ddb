export * as Onboarding from "./index";
export * from "./invitation-mail";
export * from "./invite-by-mail";
