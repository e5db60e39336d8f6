"use client";
// The registration state of one sender number, editable in place. Works without JavaScript too
// (a plain form post to the server action).
import { useActionState } from "react";

export interface RegistrationFormState {
  error: string | null;
  saved: string | null;
}

export function RegistrationForm(p: {
  id: number;
  numberLabel: string;
  fieldLabel: string;
  current: string | null;
  options: readonly { value: string; label: string }[];
  save: (prev: RegistrationFormState, form: FormData) => Promise<RegistrationFormState>;
}) {
  const [state, action, pending] = useActionState(p.save, { error: null, saved: null });
  const selectId = `registration-${p.id}`;
  return (
    <form action={action} className="flex flex-wrap items-center gap-1.5" data-testid="registration-form">
      <input type="hidden" name="id" value={p.id} />
      <label htmlFor={selectId} className="sr-only">{`${p.fieldLabel} of ${p.numberLabel}`}</label>
      <select
        id={selectId}
        name="state"
        defaultValue={p.current ?? ""}
        key={p.current ?? ""}
        className="rounded-md border-0 bg-white py-0.5 pr-7 pl-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-blue-600"
      >
        {p.current === null ? <option value="" disabled>Not recorded</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "Saving…" : "Save"}
        <span className="sr-only">{` ${p.fieldLabel.toLowerCase()} of ${p.numberLabel}`}</span>
      </button>
      <span role="status" aria-live="polite" className="text-xs">
        {state.error ? <span className="text-red-700">{state.error}</span> : state.saved && !pending ? <span className="text-emerald-700">Saved</span> : null}
      </span>
    </form>
  );
}
