// The provider in use: Twilio when TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set, otherwise
// the built-in simulator.
import { getDb } from "../../db/client";
import { env } from "../env";
import { createSimulatorProvider } from "./simulator";
import { createTwilioProvider } from "./twilio";
import type { SmsProvider } from "./types";

export type { SmsProvider, OutboundText, SendResult, ProviderStatus } from "./types";

const cache = globalThis as unknown as { __sendstatusProvider?: SmsProvider };

export function getProvider(): SmsProvider {
  if (!cache.__sendstatusProvider) {
    const e = env();
    cache.__sendstatusProvider =
      e.useTwilio && e.twilioAccountSid
        ? createTwilioProvider({ accountSid: e.twilioAccountSid, authToken: e.twilioAuthTokens[0]!, apiBaseUrl: e.twilioApiBaseUrl })
        : createSimulatorProvider({ db: getDb(), delayScale: e.simulatorDelayScale });
  }
  return cache.__sendstatusProvider;
}
