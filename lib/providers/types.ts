// One interface for sending, whatever carries the text. Both built-in providers speak Twilio's
// language: their callbacks arrive on the Twilio webhook routes and their ids are Twilio SIDs.
import type { TwilioStatus } from "../status";

export interface OutboundText {
  from: string; // E.164 sender number
  to: string; // E.164 recipient
  body: string;
  mediaUrls: string[]; // public URLs the provider fetches (MMS)
  statusCallbackUrl: string; // PUBLIC_BASE_URL + /api/webhooks/twilio/status
}

export interface SendResult {
  providerMessageId: string | null; // null when the provider refused the text outright
  status: TwilioStatus; // the initial status (queued/accepted), or "failed" when refused
  errorCode: string | null; // the provider's error code when refused at create time (21610 ...)
  errorMessage?: string;
}

export interface ProviderStatus {
  status: TwilioStatus;
  errorCode: string | null;
}

export interface SmsProvider {
  readonly name: "simulator" | "twilio";
  send(text: OutboundText): Promise<SendResult>;
  // The provider's current view of a message, for reconciliation of texts stuck in Sending/Sent.
  fetchStatus(providerMessageId: string): Promise<ProviderStatus | null>;
}
