// Guidance index: what the badges mean, the registration guides, and every known error code.
import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { GuidanceArticle, P, PageTitle, Section, TextLink, linkClass } from "@/components/guidance/prose";
import { ResendVerdict } from "@/components/guidance/resend-verdict";
import { ERROR_CATALOG, errorGuidanceHref, topicGuidanceHref, type GuidanceTopic } from "@/lib/errors/catalog";
import type { DisplayStatus } from "@/lib/status";

export const metadata: Metadata = { title: "Guidance" };

const BADGES: { status: DisplayStatus; meaning: React.ReactNode }[] = [
  {
    status: "sending",
    meaning: "SendStatus or the provider has the text and is passing it on; no carrier has it yet. This normally lasts a few seconds.",
  },
  {
    status: "sent",
    meaning: (
      <>
        A carrier accepted the text, but no delivery receipt has come back yet. If none arrives in time, the badge
        changes to &ldquo;Sent, no receipt yet&rdquo;. Picture messages (MMS) from US and Canadian numbers often stay
        Sent even though the customer got them.
      </>
    ),
  },
  {
    status: "delivered",
    meaning: "The carrier confirmed the text reached the customer's phone.",
  },
  {
    status: "failed",
    meaning:
      "The text never left the provider, for example because the number is invalid or opted out, the account is suspended, or an attachment was rejected.",
  },
  {
    status: "undelivered",
    meaning:
      "The text went out, but the carrier reported it couldn't deliver it: the phone was unreachable or unknown, the number is a landline, or a spam filter stopped it.",
  },
  {
    status: "unknown_error",
    meaning: (
      <>
        The text didn&apos;t get through and the carrier gave no reason we recognise. Most often the sending number
        isn&apos;t registered for A2P 10DLC yet, so start with the{" "}
        <TextLink href={topicGuidanceHref("a2p-10dlc")}>A2P 10DLC registration guide</TextLink>.
      </>
    ),
  },
];

const TOPIC_LABEL: Record<GuidanceTopic, string> = {
  "a2p-10dlc": "A2P 10DLC guide",
  "toll-free": "Toll-free guide",
};

export default function GuidanceIndexPage() {
  return (
    <GuidanceArticle wide>
      <div className="max-w-[70ch]">
        <PageTitle lead="Why a text didn't reach the customer, and what to do about it.">Guidance</PageTitle>

        <Section id="registration-guides" title="Registration guides">
          <P>
            Most texts that fail for no clear reason come from a sending number that isn&apos;t registered with US
            carriers yet. Two guides explain the registration and what to do while it is in progress.
          </P>
          <ul className="grid gap-3 sm:grid-cols-2">
            <li className="rounded-md border border-slate-200 bg-white p-4">
              <Link href={topicGuidanceHref("a2p-10dlc")} className={`text-base ${linkClass}`}>
                A2P 10DLC registration
              </Link>
              <p className="mt-1 text-sm text-slate-700">
                For ordinary 10-digit US numbers: brand and campaign registration, how long it takes, and what to do
                meanwhile.
              </p>
            </li>
            <li className="rounded-md border border-slate-200 bg-white p-4">
              <Link href={topicGuidanceHref("toll-free")} className={`text-base ${linkClass}`}>
                Toll-free verification
              </Link>
              <p className="mt-1 text-sm text-slate-700">
                For 800, 888, 877, 866, 855, 844 and 833 numbers: what to submit, review states, and what to do
                meanwhile.
              </p>
            </li>
          </ul>
        </Section>

        <Section id="badges" title="What the badges mean">
          <P>
            Every text you send shows one of these badges. Select a badge in a conversation to see its history, the
            reason it failed, and what to do next. Texts from customers show no badge.
          </P>
          <dl className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
            {BADGES.map(({ status, meaning }) => (
              <div key={status} className="grid gap-1 px-4 py-3 sm:grid-cols-[9rem_1fr] sm:gap-4">
                <dt>
                  <StatusBadge status={status} />
                </dt>
                <dd className="text-sm text-slate-700">{meaning}</dd>
              </div>
            ))}
          </dl>
        </Section>
      </div>

      <Section id="error-codes" title="Error codes">
        <div className="max-w-[70ch]">
          <P>
            When a text fails, the provider sends a code with it. Open a code to see what it means, what you can do,
            and what an admin can do. A code that isn&apos;t listed here shows as{" "}
            <Link href={errorGuidanceHref("30008")} className={linkClass}>
              Unknown Error
            </Link>
            .
          </P>
        </div>
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Error codes, what they mean, and whether resending can help</caption>
            <thead className="bg-slate-100 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">Code</th>
                <th scope="col" className="px-4 py-2 font-semibold">What happened</th>
                <th scope="col" className="px-4 py-2 font-semibold">Resending</th>
                <th scope="col" className="px-4 py-2 font-semibold">Guide</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {ERROR_CATALOG.map((e) => (
                <tr key={e.code} className="align-top">
                  <th scope="row" className="px-4 py-2.5 font-mono font-medium text-slate-900">
                    {e.code}
                  </th>
                  <td className="px-4 py-2.5">
                    <Link href={errorGuidanceHref(e.code)} className={linkClass}>
                      {e.title}
                    </Link>
                    <p className="mt-0.5 text-slate-700">{e.cause}</p>
                  </td>
                  <td className="px-4 py-2.5">
                    <ResendVerdict canHelp={e.resendCanHelp} />
                  </td>
                  <td className="px-4 py-2.5">
                    {e.guidance ? (
                      <Link href={topicGuidanceHref(e.guidance)} className={`whitespace-nowrap ${linkClass}`}>
                        {TOPIC_LABEL[e.guidance]}
                      </Link>
                    ) : (
                      <>
                        <span aria-hidden="true" className="text-slate-500">—</span>
                        <span className="sr-only">None</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </GuidanceArticle>
  );
}
