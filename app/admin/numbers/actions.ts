"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/data/actor";
import { updateSenderRegistration } from "@/lib/data/admin/numbers";
import { isAppError } from "@/lib/data/errors";
import type { RegistrationFormState } from "@/components/admin/registration-form";

export async function saveRegistrationState(_prev: RegistrationFormState, form: FormData): Promise<RegistrationFormState> {
  try {
    const actor = await currentActor();
    const result = updateSenderRegistration(actor, { id: form.get("id"), state: form.get("state") });
    revalidatePath("/admin/numbers");
    return { error: null, saved: result.state };
  } catch (e) {
    if (isAppError(e)) return { error: e.message, saved: null };
    console.error("saving a registration state failed", e);
    return { error: "Something went wrong on our side and the state was not saved. Try again.", saved: null };
  }
}
