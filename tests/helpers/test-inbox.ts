export * from "../../packages/core/src/mail/test-inbox";
