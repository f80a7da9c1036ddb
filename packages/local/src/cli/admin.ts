import "./environment";
import { runAdmin } from "./admin-command";

/** `npm run admin -- --help`: operator commands, locally or against a deployed stage. */
runAdmin(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
