// What a person may ask for when creating or editing a key on the dashboard; the form's strings become typed
// settings here. Create and edit share every field, and a blank field means "no limit" in both.
import { z } from "zod";
import { usdToMicros } from "../money";
import { MAX_ALLOWED_IPS, normaliseIpEntry } from "./ip-allow-list";
import {
  KEY_LIMIT_BOUNDS,
  KEY_NOT_FOUND,
  type KeyField,
  type KeyFieldErrors,
  type KeyFormValues,
} from "./key-form-state";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const splitList = (value: unknown) =>
  typeof value === "string" ? value.split(/[\s,]+/).filter(Boolean) : (value ?? []);

const whole = new Intl.NumberFormat("en");
const { maxRpm, minMonthlyBudgetUsd, maxMonthlyBudgetUsd } = KEY_LIMIT_BOUNDS;
const minBudgetMicros = usdToMicros(minMonthlyBudgetUsd);
const maxBudgetMicros = usdToMicros(maxMonthlyBudgetUsd);

const keySettingsFields = {
  name: z.string().trim().min(1, "Give the key a name").max(80, "At most 80 characters"),
  rpmLimit: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "A whole number of requests per minute, such as 60" })
      .int("Whole requests per minute")
      .min(1, "At least 1 request per minute")
      .max(maxRpm, `At most ${whole.format(maxRpm)} requests per minute`)
      .optional(),
  ),
  monthlyBudgetUsd: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d{1,6})?$/, "A USD amount such as 25 or 2.50")
      .transform((value) => usdToMicros(value))
      .refine((micros) => micros >= minBudgetMicros, `At least $${minMonthlyBudgetUsd.toFixed(2)}`)
      .refine((micros) => micros <= maxBudgetMicros, `At most $${whole.format(maxMonthlyBudgetUsd)}`)
      .optional(),
  ),
  allowedModels: z.preprocess(
    splitList,
    z.array(z.string().max(200, "A model id has at most 200 characters")).max(100, "At most 100 models"),
  ),
  allowedIps: z.preprocess(
    splitList,
    z
      .array(
        z.string().transform((entry, context) => {
          const normalised = normaliseIpEntry(entry);
          if (normalised === null) {
            context.addIssue({
              code: "custom",
              message: `“${entry.slice(0, 60)}” is not an IP address or CIDR range (such as 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32)`,
            });
            return z.NEVER;
          }
          return normalised;
        }),
      )
      .max(MAX_ALLOWED_IPS, `At most ${MAX_ALLOWED_IPS} IP addresses or ranges`)
      .transform((entries) => [...new Set(entries)]),
  ),
  // Also on an edit: a key that has expired can be given a later date or none, but saving it with its past
  // date is refused, the same rule as on create (there is no reason to keep editing a key that no longer works).
  expiresOn: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "A date such as 2030-12-31")
      .transform((value) => new Date(`${value}T23:59:59.999Z`))
      .refine((date) => date.getTime() > Date.now(), "The expiry must be in the future")
      .optional(),
  ),
} satisfies Record<KeyField, z.ZodType>;

export const createKeyInput = z.object(keySettingsFields);

export const updateKeyInput = z.object({
  keyId: z.string().min(1, KEY_NOT_FOUND).max(100, KEY_NOT_FOUND),
  ...keySettingsFields,
});

export type CreateKeyInput = z.output<typeof createKeyInput>;
export type UpdateKeyInput = z.output<typeof updateKeyInput>;

/**
 * A refused form in the shape the forms show: each field's problems beside it, and what belongs to no field (a
 * tampered key id) as the message.
 */
export function keyFormErrors(error: z.ZodError): { message: string; fieldErrors: KeyFieldErrors } {
  const fieldErrors: KeyFieldErrors = {};
  const others: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && field in keySettingsFields) {
      const name = field as KeyField;
      fieldErrors[name] = fieldErrors[name] ? `${fieldErrors[name]}; ${issue.message}` : issue.message;
    } else {
      others.push(issue.message);
    }
  }
  return { message: others.join("; "), fieldErrors };
}

/** The fields both key forms send (a missing one reads as blank), for one of the schemas above. */
export function keyFormValues(formData: FormData): KeyFormValues & { keyId: string } {
  const text = (field: string) => {
    const value = formData.get(field);
    return typeof value === "string" ? value : "";
  };
  return {
    keyId: text("keyId"),
    name: text("name"),
    rpmLimit: text("rpmLimit"),
    monthlyBudgetUsd: text("monthlyBudgetUsd"),
    expiresOn: text("expiresOn"),
    allowedModels: text("allowedModels"),
    allowedIps: text("allowedIps"),
  };
}

/** The api_keys columns a key's settings set; unset limits become NULL (or an empty list), so an edit clears them. */
export function keySettingsColumns(input: CreateKeyInput) {
  return {
    name: input.name,
    rpmLimit: input.rpmLimit ?? null,
    monthlyBudgetMicros: input.monthlyBudgetUsd ?? null,
    allowedModels: input.allowedModels,
    allowedIps: input.allowedIps,
    expiresAt: input.expiresOn ?? null,
  };
}
