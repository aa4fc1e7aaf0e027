// The demo: what `npm start` loads in the demo and `timecredits demo` loads on request.
export {
  demoSeededAt,
  NotADemoDatabaseError,
  type SchemeOrigin,
  schemeOrigin,
} from "../store/scheme-origin.ts";
export { DemoAlreadySeededError, type DemoOptions, loadDemo, readDemoScheme } from "./load.ts";
export { type DemoSummary, demoSummaryText } from "./summary.ts";
