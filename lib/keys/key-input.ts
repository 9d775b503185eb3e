// What a person may ask for when creating a key on the dashboard; the form's strings become typed settings here.
import { z } from "zod";
import { usdToMicros } from "../money";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const createKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name").max(80, "At most 80 characters"),
  rpmLimit: z.preprocess(blankToUndefined, z.coerce.number().int("Whole requests per minute").min(1).max(1_000_000).optional()),
  monthlyBudgetUsd: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d{1,6})?$/, "A USD amount such as 25 or 2.50")
      .transform((value) => usdToMicros(value))
      .refine((micros) => micros > 0n, "The budget must be more than zero")
      .optional(),
  ),
  allowedModels: z.preprocess(
    (value) => (typeof value === "string" ? value.split(/[\s,]+/).map((model) => model.trim()).filter(Boolean) : []),
    z.array(z.string().max(200)).max(100),
  ),
  expiresOn: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "A date")
      .transform((value) => new Date(`${value}T23:59:59.999Z`))
      .refine((date) => date.getTime() > Date.now(), "The expiry must be in the future")
      .optional(),
  ),
});

export type CreateKeyInput = z.output<typeof createKeyInput>;
