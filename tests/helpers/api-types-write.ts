import { writeFile } from "node:fs/promises";
import { API_TYPES_FILE, generateApiTypes } from "./api-types-generate";

/** `npm run openapi:client`: writes the typed client's types from the OpenAPI document. */
await writeFile(API_TYPES_FILE, await generateApiTypes());
console.log(`Wrote ${API_TYPES_FILE}`);
