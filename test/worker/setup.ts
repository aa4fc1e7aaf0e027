// Runs before each workerd test file: the Worker's SMS go to the in-isolate fake Twilio.
import { installFakeTwilio } from "./support.ts";

installFakeTwilio();
