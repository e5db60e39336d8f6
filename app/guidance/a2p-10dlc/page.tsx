// US A2P 10DLC registration: what it is, who registers what, how long, and what to do meanwhile.
// Facts: shared/reference/providers.md §3 and §3.1; the wording is ours.
import type { Metadata } from "next";
import {
  Breadcrumb,
  Callout,
  GuidanceArticle,
  H3,
  OL,
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

export const metadata: Metadata = { title: "A2P 10DLC registration" };

const SECTIONS = [
  { id: "what-it-is", label: "What it is and why it matters" },
  { id: "who-registers-what", label: "Who registers what" },
  { id: "brand-types", label: "Brand types" },
  { id: "how-long", label: "How long it takes" },
  { id: "related-errors", label: "Errors caused by registration" },
  { id: "what-to-do-meanwhile", label: "What to do meanwhile" },
];

const cell = "px-4 py-2.5 align-top";

export default function A2pRegistrationPage() {
  return (
    <GuidanceArticle>
      <Breadcrumb />
      <PageTitle
        eyebrow="Registration guide"
        lead="US carriers only deliver business texts from ordinary 10-digit numbers once the business and its texting are registered. Here is what that involves, how long it takes, and what to do while you wait."
      >
        A2P 10DLC registration
      </PageTitle>

      <OnThisPage items={SECTIONS} />

      <Section id="what-it-is" title="What it is and why it matters">
        <P>
          <Strong>A2P</Strong> stands for application-to-person: texts sent by software such as SendStatus rather
          than typed on a personal phone. <Strong>10DLC</Strong> means a 10-digit long code, an ordinary US phone
          number, as opposed to a toll-free number or a short code.
        </P>
        <P>
          US carriers treat every text sent through a provider like Twilio as A2P. So every SMS and MMS from a
          10-digit number to a US number (including Puerto Rico, the US Virgin Islands, Guam and American Samoa) must
          come from a number that is registered for A2P 10DLC.
        </P>
        <Callout tone="warning" title="Unregistered texts are blocked">
          <p>
            Since 1 September 2023, US carriers block texts from unregistered 10-digit numbers completely. Those texts
            fail with <TextLink href={errorGuidanceHref("30034")}>error 30034, sending number not registered</TextLink>.
          </p>
        </Callout>
        <P>
          Texts to Canadian numbers and texts your customers send to you are not affected. Registration also sets how
          fast and how many texts a number may send each day, based on how much carriers trust the brand.
        </P>
      </Section>

      <Section id="who-registers-what" title="Who registers what">
        <P>
          An admin registers in the provider&apos;s console (for Twilio: Trust Hub and the Messaging settings) or
          through its API. Each step builds on the one before, in this order:
        </P>
        <OL>
          <li>
            <Strong>Customer profile.</Strong> Who the business is. Sole proprietors use a starter profile; other
            businesses use a standard (primary) profile. An A2P trust bundle then links the profile to A2P
            registration.
          </li>
          <li>
            <Strong>Brand.</Strong> The legal entity that sends the texts. The provider submits it to The Campaign
            Registry (TCR), the shared registry US carriers check.
          </li>
          <li>
            <Strong>Campaign.</Strong> What the brand sends and to whom. It names one use case (such as two-factor
            codes, account notifications, marketing, or a mix), describes the messages, shows how customers opt in
            (the call to action they see), gives sample messages, and sets the replies to opt-in, opt-out (STOP) and
            help keywords. The campaign belongs to a Messaging Service.
          </li>
          <li>
            <Strong>Phone numbers.</Strong> Each sending number is added to the campaign&apos;s Messaging Service.
            Carriers then provision every number in the background. A number can text US customers only once this
            finishes.
          </li>
        </OL>
        <H3 id="common-rejections">Why campaigns are often rejected</H3>
        <UL>
          <li>The use case is personal or person-to-person rather than business messaging.</li>
          <li>A use case has no sample message.</li>
          <li>The call to action doesn&apos;t tell customers what messages they will get.</li>
          <li>A carrier turned it down after review.</li>
        </UL>
      </Section>

      <Section id="brand-types" title="Brand types">
        <P>The brand type decides what you can register and how much you can send.</P>
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">A2P 10DLC brand types</caption>
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">Brand type</th>
                <th scope="col" className="px-4 py-2 font-semibold">For</th>
                <th scope="col" className="px-4 py-2 font-semibold">Limits</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              <tr>
                <th scope="row" className={`${cell} font-semibold text-slate-900`}>Sole Proprietor</th>
                <td className={cell}>Individuals in the US or Canada without a tax ID (EIN)</td>
                <td className={cell}>One campaign and one number</td>
              </tr>
              <tr>
                <th scope="row" className={`${cell} font-semibold text-slate-900`}>Low-Volume Standard</th>
                <td className={cell}>Businesses with an EIN that send little</td>
                <td className={cell}>Fewer than about 6,000 message segments a day; no secondary vetting</td>
              </tr>
              <tr>
                <th scope="row" className={`${cell} font-semibold text-slate-900`}>Standard</th>
                <td className={cell}>Businesses with an EIN</td>
                <td className={cell}>
                  Secondary vetting (optional, sometimes automatic) raises the trust score, and with it the sending
                  speed and daily caps
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      </Section>

      <Section id="how-long" title="How long it takes">
        <UL>
          <li>
            <Strong>Customer profile and brand:</Strong> usually minutes to a few days; longer when the brand goes
            through secondary vetting.
          </li>
          <li>
            <Strong>Campaign:</Strong> since 26 January 2023, people at a third party vet every new campaign by hand;
            the provider can&apos;t approve it itself. Plan for several weeks: Twilio has repeatedly warned of
            multi-week delays. A resubmission after a rejection is vetted, and charged, again.
          </li>
          <li>
            <Strong>Phone numbers:</Strong> provisioning starts after the campaign is approved and isn&apos;t
            instant. Until it finishes, texts from the number fail with{" "}
            <TextLink href={errorGuidanceHref("30035")}>30035</TextLink> or{" "}
            <TextLink href={errorGuidanceHref("30024")}>30024</TextLink>.
          </li>
        </UL>
        <P>Start registering well before a number needs to text US customers.</P>
        <H3 id="registration-states">States you may see</H3>
        <UL>
          <li>
            <Strong>Brand:</Strong> Pending, In review, Approved, Failed, Suspended.
          </li>
          <li>
            <Strong>Campaign:</Strong> In progress, Verified, Failed. Numbers can send once the campaign is verified
            and their provisioning has finished.
          </li>
        </UL>
      </Section>

      <Section id="related-errors" title="Errors caused by registration">
        <P>These codes usually point to a registration problem or a registration limit.</P>
        <RelatedErrors
          items={[
            { code: "30034", note: "The number isn't attached to an approved campaign, or isn't in the campaign's Messaging Service." },
            { code: "30035", note: "The number is registered, but carriers are still setting it up. Wait; it clears on its own." },
            { code: "30024", note: "Carriers haven't provisioned the number yet, which is normal right after registration." },
            { code: "30007", note: "A carrier's spam filter stopped the text; unregistered senders are a common trigger." },
            { code: "30022", note: "Texts went out faster than the campaign's allowed speed." },
            { code: "30023", note: "The brand used up its daily cap; it resets at midnight Pacific time." },
            { code: "30027", note: "The brand used up today's T-Mobile allowance; further texts to T-Mobile customers are filtered." },
            { code: "30033", note: "The campaign is suspended, so its numbers can't send." },
            {
              code: "30008",
              note: "Shown as the Unknown Error badge, along with codes we don't recognise. The carrier gave no reason; the most common real cause is a number without A2P 10DLC registration.",
            },
          ]}
        />
      </Section>

      <Section id="what-to-do-meanwhile" title="What to do meanwhile">
        <H3 id="meanwhile-agents">If you are an agent</H3>
        <UL>
          <li>
            Send from a number that can already text US customers: a verified toll-free number or a registered
            10-digit number. Ask an admin which numbers those are.
          </li>
          <li>
            Don&apos;t resend texts that failed with 30034 as they are; they will be blocked the same way.
          </li>
          <li>
            For texts that failed with 30035 or 30024, resend later: the number only needs time.
          </li>
          <li>If the message is urgent, call or email the customer instead.</li>
          <li>Tell an admin which conversation it was, so they can check the sending number.</li>
        </UL>
        <H3 id="meanwhile-admins">If you are an admin</H3>
        <UL>
          <li>
            Check the sending number&apos;s registration state on the Numbers page, and finish any step above that is
            missing.
          </li>
          <li>
            Until the campaign is approved, send US texts from a verified toll-free number. It needs its own{" "}
            <TextLink href={topicGuidanceHref("toll-free")}>toll-free verification</TextLink>.
          </li>
          <li>
            Make sure every number that texts US customers is in the campaign&apos;s Messaging Service.
          </li>
          <li>
            Don&apos;t move numbers between campaigns or Messaging Services, and don&apos;t remove and re-add them:
            every change starts provisioning over.
          </li>
          <li>
            If you hit daily caps, save the allowance for urgent texts and apply for secondary vetting to raise it.
          </li>
          <li>If a campaign is suspended, ask the provider why and fix the compliance issue before resubmitting.</li>
        </UL>
      </Section>
    </GuidanceArticle>
  );
}
