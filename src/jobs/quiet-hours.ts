// Quiet hours, where the tests have always imported them: the definition lives in core/schedule.ts,
// with the day's other windows.
export { sendTime } from "../core/schedule.ts";
