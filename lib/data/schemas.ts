// Request bodies of the REST API, checked at the edge.
import { z } from "zod";

export const createConversationBody = z.object({
  phone: z.string({ error: "phone is required, e.g. +14155550101" }).min(1, "phone is required, e.g. +14155550101").max(40),
  name: z.string().max(120, "name must be at most 120 characters").nullish(),
});

const httpUrl = z
  .string()
  .max(2048)
  .refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === "https:" || p === "http:";
    } catch {
      return false;
    }
  }, "each media URL must be an http(s) URL");

export const sendMessageBody = z
  .object({
    body: z.string({ error: "body is required" }).max(1600, "body must be at most 1,600 characters"),
    mediaUrls: z.array(httpUrl).max(10, "at most 10 media URLs").optional(),
    from: z.string().max(40).nullish(),
  })
  .refine((b) => b.body.trim().length > 0 || (b.mediaUrls?.length ?? 0) > 0, { message: "body is empty; write a message or attach media" });
