// One guidance page per error code. Catalog codes get their own entry; any other numeric code
// gets the Unknown Error explanation, because that is the badge such a text shows (and the app
// links every failed text's code here). Anything else is a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StatusBadge } from "@/components/status-badge";
import { Breadcrumb, Callout, GuidanceArticle, P, PageTitle, Section, Strong, linkClass } from "@/components/guidance/prose";
import {
  UNKNOWN_ERROR_INFO,
  errorInfo,
  topicGuidanceHref,
  type ContactProblem,
  type ErrorInfo,
  type GuidanceTopic,
} from "@/lib/errors/catalog";

interface ResolvedCode {
  code: string;
  info: Omit<ErrorInfo, "code">;
  inCatalog: boolean;
}

const UNKNOWN_ERROR_CODE = "30008";
const NUMERIC_CODE = /^\d{1,8}$/;

function resolveCode(raw: string): ResolvedCode | null {
  const info = errorInfo(raw);
  if (info) return { code: info.code, info, inCatalog: true };
  const code = raw.trim();
  return NUMERIC_CODE.test(code) ? { code, info: UNKNOWN_ERROR_INFO, inCatalog: false } : null;
}

// Some codes have more than one usual cause, so they point at both guides.
const EXTRA_TOPICS: Record<string, GuidanceTopic[]> = {
  "30007": ["toll-free"],
  "30024": ["toll-free"],
};

const TOPIC_GUIDE: Record<GuidanceTopic, { name: string; summary: string; meanwhile: string }> = {
  "a2p-10dlc": {
    name: "A2P 10DLC registration guide",
    summary: "for ordinary 10-digit US numbers",
    meanwhile: "what to do while A2P 10DLC registration is in progress",
  },
  "toll-free": {
    name: "Toll-free verification guide",
    summary: "for 800, 888, 877, 866, 855, 844 and 833 numbers",
    meanwhile: "what to do while toll-free verification is pending",
  },
};

const CONTACT_PROBLEM_NOTE: Record<ContactProblem, string> = {
  opted_out: "Every text to this number will be blocked until the customer texts START.",
  landline: "Every text to this number will fail, because it is a landline.",
  unknown_handset: "Every text to this number will fail until the customer confirms a working number.",
  invalid_number: "Every text to this number will fail until the number on the contact is corrected.",
};

function resendExplanation({ code, info }: ResolvedCode, unknownKind: boolean): React.ReactNode {
  if (code === "30009") {
    return "There is nothing to resend: this is about a text the customer sent you. Ask them to send it again.";
  }
  if (!info.resendCanHelp) {
    return (
      <>
        <Strong>Resending won&apos;t help.</Strong> The same text to the same number will fail the same way until the
        cause changes.
      </>
    );
  }
  if (unknownKind) {
    return (
      <>
        <Strong>Resending once can help.</Strong> If it fails again, stop and tell an admin: the sending number most
        likely needs registration.
      </>
    );
  }
  return (
    <>
      <Strong>Resending can help,</Strong> because the cause is usually temporary. Follow the timing under &ldquo;What
      you can do&rdquo;.
    </>
  );
}

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { code } = await params;
  const resolved = resolveCode(code);
  if (!resolved) return { title: "Error code not found" };
  return { title: `${resolved.code} ${resolved.info.title}` };
}

export default async function ErrorCodePage({ params }: { params: Promise<{ code: string }> }) {
  const { code: rawCode } = await params;
  const resolved = resolveCode(rawCode);
  if (!resolved) notFound();
  const { code, info, inCatalog } = resolved;
  const unknownKind = code === UNKNOWN_ERROR_CODE || !inCatalog;
  const topics = info.guidance ? [info.guidance, ...(EXTRA_TOPICS[code] ?? [])] : [];

  return (
    <GuidanceArticle>
      <Breadcrumb />
      <PageTitle eyebrow={`Error ${code}`}>{info.title}</PageTitle>

      <dl className="mb-8 grid gap-x-4 gap-y-1.5 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-slate-600">Code</dt>
        <dd className="font-mono text-slate-900">{code}</dd>
        <dt className="font-medium text-slate-600">Twilio&apos;s title</dt>
        <dd className="text-slate-900">
          {inCatalog ? info.twilioTitle : "Not in SendStatus's catalog. Providers add and rename codes over time."}
        </dd>
        {unknownKind ? (
          <>
            <dt className="font-medium text-slate-600">Badge</dt>
            <dd>
              <StatusBadge status="unknown_error" />
            </dd>
          </>
        ) : null}
      </dl>

      {unknownKind ? (
        <div className="mb-8">
          <Callout tone="unknown" title="Most often, the sending number isn't registered for A2P 10DLC">
            <p>
              Carriers often turn away texts from unregistered numbers without giving a clear reason. Before anything
              else, check that the number this text was sent from has finished registration.
            </p>
            <p>
              <Link href={topicGuidanceHref("a2p-10dlc")} className={linkClass}>
                Read the A2P 10DLC registration guide
              </Link>
            </p>
          </Callout>
        </div>
      ) : null}

      <Section id="what-happened" title="What happened">
        {!inCatalog ? (
          <P>
            The provider reported code {code}, which SendStatus doesn&apos;t recognise, so the text shows the Unknown
            Error badge.
          </P>
        ) : null}
        <P>{info.cause}</P>
        {info.contactProblem ? (
          <Callout tone="warning" title="This is about the customer's number, not this text">
            <p>{CONTACT_PROBLEM_NOTE[info.contactProblem]}</p>
          </Callout>
        ) : null}
      </Section>

      <Section id="what-you-can-do" title="What you can do">
        <P>{info.agentAction}</P>
      </Section>

      <Section id="what-an-admin-can-do" title="What an admin can do">
        <P>{info.adminAction}</P>
      </Section>

      <Section id="resending" title="Will resending help?">
        <P>{resendExplanation(resolved, unknownKind)}</P>
      </Section>

      <Section id="learn-more" title="Learn more">
        <ul className="list-disc space-y-1.5 pl-5 marker:text-slate-400">
          {topics.map((topic) => (
            <li key={topic}>
              <Link href={topicGuidanceHref(topic)} className={linkClass}>
                {TOPIC_GUIDE[topic].name}
              </Link>{" "}
              {TOPIC_GUIDE[topic].summary}, including{" "}
              <Link href={`${topicGuidanceHref(topic)}#what-to-do-meanwhile`} className={linkClass}>
                {TOPIC_GUIDE[topic].meanwhile}
              </Link>
            </li>
          ))}
          <li>
            <Link href="/guidance#error-codes" className={linkClass}>
              All error codes
            </Link>
          </li>
        </ul>
      </Section>
    </GuidanceArticle>
  );
}
