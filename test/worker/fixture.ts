// A Twilio webhook form with characters that test the signing order and encoding (Polish, a plus).
export const SIGNATURE_FIXTURE: Record<string, string> = {
  ToCountry: "GB",
  SmsMessageSid: "SM2f6c1c3e9f5b4a7c8d9e0f1a2b3c4d5e",
  NumMedia: "0",
  SmsSid: "SM2f6c1c3e9f5b4a7c8d9e0f1a2b3c4d5e",
  SmsStatus: "received",
  Body: "Zażółć gęślą jaźń + GODZINY 2,5 staithe",
  FromCountry: "GB",
  To: "+447700900999",
  NumSegments: "1",
  MessageSid: "SM2f6c1c3e9f5b4a7c8d9e0f1a2b3c4d5e",
  AccountSid: `AC${"0".repeat(32)}`,
  From: "+447700900102",
  ApiVersion: "2010-04-01",
};
