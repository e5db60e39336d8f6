// The provider error-code catalog: data, not scattered strings.
// Facts: shared/reference/providers.md §3; wording is ours (short, specific, no blame, one next step).
// Twilio warns that codes for a given cause can change, so unknown codes get UNKNOWN_ERROR_INFO.

export type GuidanceTopic = "a2p-10dlc" | "toll-free";
export type ContactProblem = "opted_out" | "landline" | "unknown_handset" | "invalid_number";

export interface ErrorInfo {
  code: string;
  /** Short human title in our words. */
  title: string;
  /** Twilio's own title for the code. */
  twilioTitle: string;
  /** One plain sentence an agent understands. */
  cause: string;
  /** The one next step an agent can take. */
  agentAction: string;
  /** What an admin can do about it. */
  adminAction: string;
  /** False for permanent codes: resending the same text as-is will fail again. */
  resendCanHelp: boolean;
  guidance: GuidanceTopic | null;
  contactProblem: ContactProblem | null;
}

const RESEND_ONCE = "Resend once; if it fails again, tell an admin.";
const CHECK_A2P_REGISTRATION =
  "Check that the sending number is registered for A2P 10DLC; if it is, contact the provider with the message ID.";

export const UNKNOWN_ERROR_INFO: Omit<ErrorInfo, "code"> = Object.freeze({
  title: "Unknown error",
  twilioTitle: "Unknown error",
  cause:
    "The provider didn't give a reason we recognise. Most often, the sending number isn't registered for A2P 10DLC yet.",
  agentAction: RESEND_ONCE,
  adminAction: CHECK_A2P_REGISTRATION,
  resendCanHelp: true,
  guidance: "a2p-10dlc",
  contactProblem: null,
});

const entries: ErrorInfo[] = [
  {
    code: "21211",
    title: "Not a valid phone number",
    twilioTitle: "Invalid 'To' Phone Number",
    cause: "The number this text was sent to isn't a valid phone number.",
    agentAction: "Check the number with the customer and correct it on the contact.",
    adminAction: "Store numbers with their country code (like +15551234567) so they are valid.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: "invalid_number",
  },
  {
    code: "21408",
    title: "Country not enabled",
    twilioTitle:
      "Permission to send an SMS has not been enabled for the region indicated by the 'To' number",
    cause: "Texting to this customer's country is turned off for our account.",
    agentAction: "Reach the customer another way, and ask an admin if you need to text this country.",
    adminAction: "If texting this country is intended, turn it on in the provider's Messaging Geo Permissions.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "21610",
    title: "Customer opted out",
    twilioTitle: "Attempt to send to unsubscribed recipient",
    cause: "The customer replied STOP to this number, so texts to them are blocked.",
    agentAction: "Don't text them again; they can text START to opt back in.",
    adminAction: "Keep this number suppressed until the customer texts START.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: "opted_out",
  },
  {
    code: "21611",
    title: "Sending number is overloaded",
    twilioTitle: "This 'From' number has exceeded the maximum number of queued messages",
    cause: "This sending number has more texts waiting than it can send in the allowed time.",
    agentAction: "Wait a few minutes, then resend.",
    adminAction: "Slow down bulk sends, or spread them over more sending numbers.",
    resendCanHelp: true,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "21612",
    title: "Number can't be texted from here",
    twilioTitle: "The 'To' phone number is not currently reachable via SMS",
    cause: "The provider has no way to text this number from our sending number.",
    agentAction: "Contact the customer another way, such as a call or an email.",
    adminAction: "Check that the sender supports this number's country and type, or send from a different number.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "21614",
    title: "Not a mobile number",
    twilioTitle: "'To' number is not a valid mobile number",
    cause: "This number can't receive texts: it is a landline or not a valid mobile number.",
    agentAction: "Ask the customer for a mobile number and update the contact.",
    adminAction: "Check saved numbers with a lookup service and store them with their country code.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: "invalid_number",
  },
  {
    code: "30001",
    title: "Sending queue was full",
    twilioTitle: "Queue overflow",
    cause: "Too many texts were waiting to go out from this number, and this one waited too long.",
    agentAction: "Resend it; it goes out once the queue has cleared.",
    adminAction: "Pace bulk sends, or add sending numbers for more throughput.",
    resendCanHelp: true,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30002",
    title: "Texting account suspended",
    twilioTitle: "Account suspended",
    cause: "The texting account is suspended, so the provider stopped this text.",
    agentAction: "Tell an admin; no texts can go out until the account is restored.",
    adminAction: "Settle the account's billing or policy issue with the provider.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30003",
    title: "Phone unreachable",
    twilioTitle: "Unreachable destination handset",
    cause: "The customer's phone couldn't be reached: it may be off, out of coverage or roaming.",
    agentAction: "Resend later; if it keeps failing, confirm the number with the customer.",
    adminAction: "If a number fails this way again and again, check that it is still in service.",
    resendCanHelp: true,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30004",
    title: "Blocked on the customer's side",
    twilioTitle: "Message blocked",
    cause: "The customer's carrier, phone or plan settings blocked this text.",
    agentAction: "Ask the customer, another way, to check their text-blocking settings.",
    adminAction: "Don't resend repeatedly; if many numbers show this, review the sender with the provider.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30005",
    title: "Number not in service",
    twilioTitle: "Unknown destination handset",
    cause: "The carrier doesn't know this number; it may no longer be in service.",
    agentAction: "Confirm the number with the customer and update the contact.",
    adminAction: "Remove or re-check this number before anyone texts it again.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: "unknown_handset",
  },
  {
    code: "30006",
    title: "Landline",
    twilioTitle: "Landline or unreachable carrier",
    cause: "This number can't receive texts: it is a landline.",
    agentAction: "Call the customer instead, or ask for a mobile number.",
    adminAction: "Mark the number as a landline so nobody texts it again.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: "landline",
  },
  {
    code: "30007",
    title: "Filtered by the carrier",
    twilioTitle: "Message filtered",
    cause:
      "A carrier's spam filter stopped this text, most often because the sending number isn't registered or the content looks like spam.",
    agentAction: "Don't resend it as-is; tell an admin so they can check the sender's registration.",
    adminAction:
      "Check the sender's A2P 10DLC or toll-free registration, then review the text's content and the customer's opt-in.",
    resendCanHelp: false,
    guidance: "a2p-10dlc",
    contactProblem: null,
  },
  {
    code: "30008",
    title: "Unknown error",
    twilioTitle: "Unknown error",
    cause:
      "The carrier didn't say why the text failed. Most often, the sending number isn't registered for A2P 10DLC yet.",
    agentAction: RESEND_ONCE,
    adminAction: CHECK_A2P_REGISTRATION,
    resendCanHelp: true,
    guidance: "a2p-10dlc",
    contactProblem: null,
  },
  {
    code: "30009",
    title: "Incoming text incomplete",
    twilioTitle: "Missing inbound segment",
    cause: "Part of a long text from the customer never arrived.",
    agentAction: "Ask the customer to send it again.",
    adminAction: "Nothing to change; contact the provider only if this happens often.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30010",
    title: "Over the price limit",
    twilioTitle: "Message price exceeds max price",
    cause: "The text cost more than the maximum price set for it.",
    agentAction: "Tell an admin; resending won't help until the price limit is removed.",
    adminAction: "Remove the MaxPrice setting; the provider no longer supports it.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30011",
    title: "Picture messages not supported",
    twilioTitle: "MMS not supported by the receiving phone number in this region",
    cause: "This number can't receive picture messages (MMS) in its region.",
    agentAction: "Send the text without the attachment, or share a link to the file instead.",
    adminAction: "For this region, send links instead of attachments.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30017",
    title: "Carrier network busy",
    twilioTitle: "Carrier network congestion",
    cause: "The customer's carrier was too busy and turned the text away.",
    agentAction: "Resend in a few minutes.",
    adminAction: "If it keeps happening, slow down bulk sends.",
    resendCanHelp: true,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30018",
    title: "Sender ID needs registration",
    twilioTitle: "Destination carrier requires sender ID pre-registration",
    cause: "The customer's carrier only accepts texts from sender IDs registered with it in advance.",
    agentAction: "Reach the customer another way, and tell an admin.",
    adminAction: "Register the sender ID for this destination with the provider.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30019",
    title: "Attachment too large",
    twilioTitle: "Content size exceeds carrier limit",
    cause: "The attachment is larger than the customer's carrier accepts.",
    agentAction: "Send a smaller file (under about 500 KB) or a link to it.",
    adminAction: "Keep attachments under about 500 KB; that size works with every major US carrier.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30022",
    title: "Sending too fast",
    twilioTitle: "US A2P 10DLC – Rate Limits Exceeded",
    cause: "Texts went out faster than carriers allow for this number's A2P 10DLC campaign.",
    agentAction: "Resend in a few minutes.",
    adminAction: "Pace bulk sends, or raise throughput with a higher-trust A2P 10DLC brand.",
    resendCanHelp: true,
    guidance: "a2p-10dlc",
    contactProblem: null,
  },
  {
    code: "30023",
    title: "Daily limit reached",
    twilioTitle: "US A2P 10DLC – Daily Message Cap Reached",
    cause: "Our A2P 10DLC brand has used up its daily texts; the limit resets at midnight Pacific time.",
    agentAction: "Resend after midnight Pacific time, or reach the customer another way today.",
    adminAction: "Save the daily allowance for urgent texts, and raise it through A2P 10DLC brand vetting.",
    resendCanHelp: true,
    guidance: "a2p-10dlc",
    contactProblem: null,
  },
  {
    code: "30024",
    title: "Sending number not set up yet",
    twilioTitle: "Numeric Sender ID Not Provisioned on Carrier",
    cause: "Carriers haven't finished setting up this sending number, which is normal right after registration.",
    agentAction: "Resend later, or send from another number.",
    adminAction: "Wait for carriers to finish setting up the number; contact the provider if it takes more than a few days.",
    resendCanHelp: true,
    guidance: "a2p-10dlc",
    contactProblem: null,
  },
  {
    code: "30027",
    title: "T-Mobile daily limit reached",
    twilioTitle: "US A2P 10DLC – T-Mobile Daily Message Limit Reached",
    cause: "Our A2P 10DLC brand has used up today's T-Mobile allowance, so texts to T-Mobile customers are filtered until it resets.",
    agentAction: "Resend tomorrow, or reach the customer another way today.",
    adminAction: "Save the daily allowance for urgent texts, and raise it through A2P 10DLC registration and vetting.",
    resendCanHelp: true,
    guidance: "a2p-10dlc",
    contactProblem: null,
  },
  {
    code: "30032",
    title: "Toll-free number not verified",
    twilioTitle: "Toll-Free Number Has Not Been Verified",
    cause: "The sending toll-free number is likely not verified yet, so US and Canadian carriers block its texts.",
    agentAction: "Send from a different number if you can, and tell an admin.",
    adminAction: "Complete toll-free verification for this number; texts stay blocked while it is pending.",
    resendCanHelp: false,
    guidance: "toll-free",
    contactProblem: null,
  },
  {
    code: "30033",
    title: "Campaign suspended",
    twilioTitle: "US A2P 10DLC – Campaign Suspended",
    cause: "The A2P 10DLC campaign this number sends under is suspended.",
    agentAction: "Send from a different number if you can, and tell an admin.",
    adminAction: "Contact the provider to learn why the campaign was suspended, and fix the compliance issue.",
    resendCanHelp: false,
    guidance: "a2p-10dlc",
    contactProblem: null,
  },
  {
    code: "30034",
    title: "Sending number not registered",
    twilioTitle: "US A2P 10DLC – Message from an Unregistered Number",
    cause: "The sending number is likely not registered for A2P 10DLC, so US carriers block its texts.",
    agentAction: "Send from a registered number if you have one, and tell an admin.",
    adminAction: "Register the brand and campaign for A2P 10DLC, then add this number to the campaign's Messaging Service.",
    resendCanHelp: false,
    guidance: "a2p-10dlc",
    contactProblem: null,
  },
  {
    code: "30035",
    title: "Sending number still being set up",
    twilioTitle: "US A2P 10DLC – Message from a number still being configured",
    cause: "This number is registered for A2P 10DLC, but carriers haven't finished setting it up.",
    agentAction: "Resend later, or send from another number.",
    adminAction: "Wait for setup to finish; don't remove and re-add the number, which starts it over.",
    resendCanHelp: true,
    guidance: "a2p-10dlc",
    contactProblem: null,
  },
  {
    code: "30036",
    title: "Waited too long to send",
    twilioTitle: "Validity Period Expired",
    cause: "The text waited in the sending queue past its time limit, so it was dropped.",
    agentAction: "Resend it if it is still useful.",
    adminAction: "Pace bulk sends, or allow a longer validity period.",
    resendCanHelp: true,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30042",
    title: "Sender name rejected",
    twilioTitle: "The Sender ID is blocked as generic or it contains special characters",
    cause: "The carrier rejected our sender name because it is too generic or has special characters.",
    agentAction: "Tell an admin; the same sender name will be rejected again.",
    adminAction: "Choose a sender ID that names the business and uses only letters and digits.",
    resendCanHelp: false,
    guidance: null,
    contactProblem: null,
  },
  {
    code: "30500",
    title: "Provider error",
    twilioTitle: "Twilio Internal Error",
    cause: "The provider had a temporary problem on its side.",
    agentAction: RESEND_ONCE,
    adminAction: "If it keeps happening, check the provider's status page.",
    resendCanHelp: true,
    guidance: null,
    contactProblem: null,
  },
];

export const ERROR_CATALOG: readonly ErrorInfo[] = Object.freeze(entries.map((e) => Object.freeze(e)));

const byCode: ReadonlyMap<string, ErrorInfo> = new Map(ERROR_CATALOG.map((e) => [e.code, e]));

/** Trims a provider error code; empty or missing means "no code". */
export function normalizeErrorCode(code: string | null | undefined): string | null {
  const trimmed = code?.trim();
  return trimmed ? trimmed : null;
}

export function errorInfo(code: string | null | undefined): ErrorInfo | undefined {
  const normalized = normalizeErrorCode(code);
  return normalized === null ? undefined : byCode.get(normalized);
}

export function isKnownErrorCode(code: string | null | undefined): boolean {
  return errorInfo(code) !== undefined;
}

export function errorGuidanceHref(code: string): string {
  return `/guidance/errors/${encodeURIComponent(code.trim())}`;
}

export function topicGuidanceHref(topic: GuidanceTopic): string {
  return `/guidance/${topic}`;
}
