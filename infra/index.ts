export { Alerts } from "./alerts";
export { Api } from "./api";
export { Bus } from "./bus";
export { Jobs } from "./jobs";
export { Monitoring } from "./monitoring";
export { Storage } from "./storage";
export { Streams } from "./streams";
