// Toll-free verification: what it is, what is submitted, how long, states, and what to do meanwhile.
// Facts: shared/reference/providers.md §3 and §3.2; the wording is ours.
import type { Metadata } from "next";
import {
  Breadcrumb,
  Callout,
  GuidanceArticle,
  H3,
  OnThisPage,
  P,
  PageTitle,
  Section,
  Strong,
  TextLink,
  UL,
} from "@/components/guidance/prose";
import { RelatedErrors } from "@/components/guidance/related-errors";
import { errorGuidanceHref, topicGuidanceHref } from "@/lib/errors/catalog";

export const metadata: Metadata = { title: "Toll-free verification" };

const SECTIONS = [
  { id: "what-it-is", label: "What it is and why it matters" },
  { id: "what-is-submitted", label: "What is submitted" },
  { id: "how-long", label: "How long it takes" },
  { id: "states", label: "Verification states" },
  { id: "related-errors", label: "Errors caused by verification" },
  { id: "what-to-do-meanwhile", label: "What to do meanwhile" },
];

const STATES: { state: string; meaning: string; canSend: boolean }[] = [
  { state: "Not submitted", meaning: "Nothing has been sent for review.", canSend: false },
  { state: "Pending review", meaning: "Submitted and waiting for a reviewer.", canSend: false },
  { state: "In review", meaning: "Being reviewed.", canSend: false },
  { state: "Approved", meaning: "Verified. The number can text customers in the US and Canada.", canSend: true },
  {
    state: "Rejected",
    meaning: "Turned down, with a reason. Fix it and resubmit; where editing isn't allowed, submit a new request.",
    canSend: false,
  },
];

const cell = "px-4 py-2.5 align-top";

export default function TollFreeVerificationPage() {
  return (
    <GuidanceArticle>
      <Breadcrumb />
      <PageTitle
        eyebrow="Registration guide"
        lead="A toll-free number must be verified before it can text customers in the US and Canada. Until verification is approved, carriers block its texts."
      >
        Toll-free verification
      </PageTitle>

      <OnThisPage items={SECTIONS} />

      <Section id="what-it-is" title="What it is and why it matters">
        <P>
          Verification tells carriers who is texting from a toll-free number and why. It applies to every US and
          Canadian toll-free number: those starting with 800, 888, 877, 866, 855, 844 and 833. It is separate from{" "}
          <TextLink href={topicGuidanceHref("a2p-10dlc")}>A2P 10DLC registration</TextLink>, which covers ordinary
          10-digit numbers.
        </P>
        <Callout tone="warning" title="Submitted is not the same as approved">
          <p>
            Since 8 November 2023, carriers block toll-free numbers that were never submitted for verification. Since
            31 January 2024, they also block numbers whose verification is still pending. Only an approved number can
            send.
          </p>
        </Callout>
        <P>
          Blocked texts fail with{" "}
          <TextLink href={errorGuidanceHref("30032")}>error 30032, toll-free number not verified</TextLink>, and
          sometimes with <TextLink href={errorGuidanceHref("30007")}>30007, filtered by the carrier</TextLink>.
        </P>
      </Section>

      <Section id="what-is-submitted" title="What is submitted">
        <P>An admin submits a request for each number, in the provider&apos;s console or through its API:</P>
        <UL>
          <li>
            <Strong>The business:</Strong> legal name, website, address, a contact person and the business type, plus
            its registration number (such as an EIN) and who issued it. Twilio has said the registration number becomes
            required from January 2026.
          </li>
          <li>
            <Strong>The use case:</Strong> one or more categories and a short summary of what you text customers about.
          </li>
          <li>
            <Strong>Sample messages:</Strong> real examples of the texts you send.
          </li>
          <li>
            <Strong>How customers opt in:</Strong> spoken consent, a web form, a paper form, by text, a QR code, or an
            imported list, with images that show it (for example a screenshot of the form).
          </li>
          <li>
            <Strong>Expected volume:</Strong> how many texts you expect to send.
          </li>
        </UL>
        <P>
          Platforms that send on behalf of other businesses first need an approved primary customer profile in Twilio
          Trust Hub. Political senders also need a Campaign Verify token.
        </P>
      </Section>

      <Section id="how-long" title="How long it takes">
        <P>
          Review time isn&apos;t guaranteed, and carriers review requests as well as the provider. Plan for one to two
          weeks or more, and submit before the number needs to send.
        </P>
        <P>
          A rejected request can be edited and resubmitted when the provider allows it; otherwise, delete it and submit
          a new one. Either way, review starts again.
        </P>
      </Section>

      <Section id="states" title="Verification states">
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Toll-free verification states and whether the number can send</caption>
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">State</th>
                <th scope="col" className="px-4 py-2 font-semibold">Meaning</th>
                <th scope="col" className="px-4 py-2 font-semibold">Can it text US and Canada?</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {STATES.map((s) => (
                <tr key={s.state}>
                  <th scope="row" className={`${cell} whitespace-nowrap font-semibold text-slate-900`}>
                    {s.state}
                  </th>
                  <td className={cell}>{s.meaning}</td>
                  <td className={`${cell} font-medium ${s.canSend ? "text-emerald-800" : "text-red-800"}`}>
                    {s.canSend ? "Yes" : "No"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <P>
          Some kinds of business are rejected for good and can&apos;t resubmit, for example third-party debt
          collection, debt reduction and cryptocurrency.
        </P>
      </Section>

      <Section id="related-errors" title="Errors caused by verification">
        <RelatedErrors
          items={[
            { code: "30032", note: "The toll-free number isn't verified yet (never submitted, pending, or rejected), so carriers block its texts." },
            { code: "30007", note: "A carrier's spam filter stopped the text; unverified toll-free traffic can also end up here." },
            { code: "30024", note: "Carriers haven't finished setting up the sending number yet." },
          ]}
        />
      </Section>

      <Section id="what-to-do-meanwhile" title="What to do meanwhile">
        <H3 id="meanwhile-agents">If you are an agent</H3>
        <UL>
          <li>
            Send from a number that can already text the customer, such as a 10-digit number registered for A2P 10DLC.
            Ask an admin which numbers those are.
          </li>
          <li>Don&apos;t resend texts that failed with 30032 as they are; they will be blocked the same way.</li>
          <li>If the message is urgent, call or email the customer instead.</li>
          <li>Tell an admin which conversation it was, so they can check the number&apos;s verification.</li>
        </UL>
        <H3 id="meanwhile-admins">If you are an admin</H3>
        <UL>
          <li>
            Check the number&apos;s verification state on the Numbers page. If it was never submitted, submit it now.
          </li>
          <li>
            Until it is approved, send US and Canadian texts from a 10-digit number that has finished{" "}
            <TextLink href={topicGuidanceHref("a2p-10dlc")}>A2P 10DLC registration</TextLink>.
          </li>
          <li>
            If the request was rejected, read the reason, correct the request so it matches what you really send, and
            resubmit.
          </li>
        </UL>
      </Section>
    </GuidanceArticle>
  );
}
