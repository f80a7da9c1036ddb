/** The organisation store, for tests that write what no route may write (a taken origin). */
export { orgService } from "./org.entity";
