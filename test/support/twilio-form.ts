// The form Twilio POSTs to our /sms webhook for one inbound SMS (as in
// test/fixtures/wire/twilio-inbound-sms.form.txt). Shared by the Node harness, the workerd suites, the fuzz
// and fault tests, the bench and the soak script; nothing here may need Node (workerd imports it too).

export interface InboundSms {
  from: string;
  body: string;
  /** The MessageSid (SM + 32 hex digits at Twilio); also sent as SmsMessageSid and SmsSid. */
  sid: string;
  /** The scheme's number. */
  to: string;
  accountSid: string;
}

export function inboundSmsForm({ from, body, sid, to, accountSid }: InboundSms): Record<string, string> {
  return {
    ToCountry: "GB",
    SmsMessageSid: sid,
    NumMedia: "0",
    SmsSid: sid,
    SmsStatus: "received",
    Body: body,
    FromCountry: "GB",
    To: to,
    NumSegments: "1",
    MessageSid: sid,
    AccountSid: accountSid,
    From: from,
    ApiVersion: "2010-04-01",
  };
}
