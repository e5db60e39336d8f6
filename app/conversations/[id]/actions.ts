"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/data/actor";
import { clearOptOut } from "@/lib/data/contacts";
import { isAppError } from "@/lib/data/errors";
import { saveMediaUpload } from "@/lib/data/media";
import { resendMessage, sendMessage } from "@/lib/data/messages";

type Result = { error: string | null };

function failure(e: unknown): Result {
  if (isAppError(e)) return { error: e.message };
  console.error("conversation action failed", e);
  return { error: "Something went wrong on our side, and the text was not sent. Try again." };
}

export async function sendText(form: FormData): Promise<Result> {
  try {
    const actor = await currentActor();
    const conversationId = Number(form.get("conversationId"));
    if (!Number.isInteger(conversationId) || conversationId < 1) return { error: "This conversation no longer exists." };
    // A form post turns the textarea's line breaks into CR LF; the counter counted LF.
    const body = String(form.get("body") ?? "").replace(/\r\n?/g, "\n");
    const from = String(form.get("from") ?? "") || null;
    const media = form.get("media");
    if (body.length > 1600) return { error: "Texts can be at most 1,600 characters. Shorten it or split it in two." };
    const mediaUrls: string[] = [];
    if (media instanceof File && media.size > 0) mediaUrls.push((await saveMediaUpload(actor, media)).url);
    if (!body.trim() && mediaUrls.length === 0) return { error: "Write a message or attach a picture first." };
    await sendMessage(actor, conversationId, { body, mediaUrls, from });
    revalidatePath(`/conversations/${conversationId}`);
    return { error: null };
  } catch (e) {
    return failure(e);
  }
}

export async function resendText(messageId: number): Promise<Result> {
  try {
    const actor = await currentActor();
    const m = await resendMessage(actor, messageId);
    revalidatePath(`/conversations/${m.conversationId}`);
    return { error: null };
  } catch (e) {
    return failure(e);
  }
}

export async function clearContactOptOut(conversationId: number, contactId: number): Promise<Result> {
  try {
    clearOptOut(await currentActor(), contactId);
    revalidatePath(`/conversations/${conversationId}`);
    return { error: null };
  } catch (e) {
    return failure(e);
  }
}
