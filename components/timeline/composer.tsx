"use client";
// The compose box: text with a live segment counter, an optional picture (MMS), the sender
// number, and a warning before a text goes from an unregistered number or to an unreachable one.
import { useRef, useState, useTransition } from "react";
import { ImagePlus, Send, TriangleAlert, X } from "lucide-react";
import { countSegments } from "@/lib/segments";

export interface ComposerSender {
  phone: string;
  label: string;
  display: string;
  likelyBlocked: boolean;
  blockedReason: string | null;
}

export interface ComposerProps {
  conversationId: number;
  senders: ComposerSender[];
  contactWarning: string | null;
  send: (form: FormData) => Promise<{ error: string | null }>;
}

const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ["image/jpeg", "image/png", "image/gif"];

export function Composer({ conversationId, senders, contactWarning, send }: ComposerProps) {
  const [body, setBody] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [from, setFrom] = useState(senders[0]?.phone ?? "");
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [pending, startTransition] = useTransition();
  const fileInput = useRef<HTMLInputElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const info = countSegments(body);
  const sender = senders.find((s) => s.phone === from);
  const empty = body.trim() === "" && !file;

  const pickFile = (f: File | null) => {
    setError(null);
    if (preview) URL.revokeObjectURL(preview);
    setPreview(null);
    setFile(null);
    if (!f) return;
    if (!TYPES.includes(f.type)) {
      setError("Only JPEG, PNG and GIF pictures can be sent by MMS.");
      if (fileInput.current) fileInput.current.value = "";
      return;
    }
    if (f.size > MAX_BYTES) {
      setError(`This picture is ${(f.size / 1024 / 1024).toFixed(1)} MB; pictures can be at most 5 MB.`);
      if (fileInput.current) fileInput.current.value = "";
      return;
    }
    setFile(f);
    setPreview(URL.createObjectURL(f));
  };

  const submit = (confirmed: boolean) => {
    if (empty || pending) return;
    const warnings = [sender?.likelyBlocked ? sender.blockedReason : null, contactWarning].filter((w): w is string => Boolean(w));
    if (!confirmed && warnings.length) {
      setConfirming(warnings);
      return;
    }
    setConfirming(null);
    const form = new FormData();
    form.set("conversationId", String(conversationId));
    form.set("body", body);
    form.set("from", from);
    if (file) form.set("media", file);
    startTransition(async () => {
      setError(null);
      const r = await send(form);
      if (r.error) {
        setError(r.error);
        return;
      }
      setBody("");
      pickFile(null);
      if (fileInput.current) fileInput.current.value = "";
      textarea.current?.focus();
    });
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
      className="border-t border-slate-200 bg-white px-4 py-3"
      aria-label="Send a text"
    >
      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-title" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p id="confirm-title" className="flex items-center gap-1 font-semibold">
            <TriangleAlert aria-hidden="true" className="h-4 w-4" /> This text will probably not arrive
          </p>
          <ul className="mt-1 list-disc pl-5">
            {confirming.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <div className="mt-2 flex gap-2">
            <button type="button" onClick={() => submit(true)} className="rounded-md bg-amber-700 px-3 py-1 font-semibold text-white hover:bg-amber-800">
              Send anyway
            </button>
            <button type="button" onClick={() => setConfirming(null)} className="rounded-md px-3 py-1 text-amber-950 ring-1 ring-amber-400 hover:bg-amber-100">
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {preview && file ? (
        <div className="mb-2 flex items-center gap-2 text-xs text-slate-600">
          {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL */}
          <img src={preview} alt={`Attachment: ${file.name}`} className="h-14 w-14 rounded object-cover ring-1 ring-slate-200" />
          <span>
            {file.name} · {file.size < 1024 ? `${file.size} bytes` : `${Math.round(file.size / 1024)} KB`}
          </span>
          <button type="button" onClick={() => pickFile(null)} aria-label="Remove attachment" className="rounded p-1 hover:bg-slate-100">
            <X aria-hidden="true" className="h-4 w-4" />
          </button>
        </div>
      ) : null}
      <label htmlFor={`compose-${conversationId}`} className="sr-only">
        Message
      </label>
      <textarea
        id={`compose-${conversationId}`}
        ref={textarea}
        name="body"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit(false);
          }
        }}
        rows={3}
        maxLength={1600}
        placeholder="Message (Enter to send, Shift+Enter for a new line)"
        aria-describedby={`counter-${conversationId}`}
        className="block w-full resize-none rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-blue-600"
      />
      <div className="mt-2 flex flex-wrap items-center gap-3 text-xs text-slate-600">
        <p id={`counter-${conversationId}`} data-testid="segment-counter" aria-live="polite">
          {info.units} / {info.perSegment} · {info.segments} {info.segments === 1 ? "segment" : "segments"} · {info.encoding}
        </p>
        <input
          ref={fileInput}
          id={`attach-${conversationId}`}
          type="file"
          accept={TYPES.join(",")}
          className="sr-only"
          onChange={(e) => pickFile(e.target.files?.[0] ?? null)}
        />
        <label htmlFor={`attach-${conversationId}`} className="inline-flex cursor-pointer items-center gap-1 rounded px-2 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100">
          <ImagePlus aria-hidden="true" className="h-4 w-4" /> Attach picture
        </label>
        {senders.length > 1 ? (
          <label className="inline-flex items-center gap-1">
            From
            <select value={from} onChange={(e) => setFrom(e.target.value)} className="rounded border border-slate-300 px-1 py-0.5 text-xs">
              {senders.map((s) => (
                <option key={s.phone} value={s.phone}>
                  {s.label} · {s.display}
                  {s.likelyBlocked ? " (not registered)" : ""}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button
          type="submit"
          disabled={empty || pending}
          className="ml-auto inline-flex items-center gap-1 rounded-md bg-blue-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 disabled:opacity-50"
        >
          <Send aria-hidden="true" className="h-4 w-4" /> {pending ? "Sending…" : "Send"}
        </button>
      </div>
      {sender?.likelyBlocked ? (
        <p className="mt-2 flex items-center gap-1 text-xs text-amber-800">
          <TriangleAlert aria-hidden="true" className="h-3.5 w-3.5" /> {sender.blockedReason}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
