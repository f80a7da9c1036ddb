export * as Onboarding from "./invite-by-mail";
