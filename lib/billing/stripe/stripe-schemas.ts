// Trust boundary: the shape of what Stripe sends (webhook events) and answers (API objects), in the fields this app
// reads. A valid signature says who sent a body, not that its fields have the types Stripe documents; a body that
// does not parse is refused with 400 (never booked, never a 500 that Stripe would redeliver for days). Types of the
// event handlers come from here, not from the stripe library's declarations, which are not checked at run time.
import { z } from "zod";
import { GatewayError } from "../../gateway/errors";

/** Letters, digits, `_` and `-` (Checkout Session ids contain `-`); also what may go into an API path unescaped. */
const stripeIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,255}$/, "not a Stripe id");

/** A field that holds an id, or the object when expanded; read as the id. */
const expandableIdSchema = z.union([stripeIdSchema, z.object({ id: stripeIdSchema }).transform((object) => object.id)]);

/**
 * Stripe amounts are integers in the currency's smallest unit, with at most 8 digits (12 for IDR). Anything larger
 * is no Stripe amount, and would overflow the ledger's micro-USD arithmetic.
 */
export const MAX_STRIPE_AMOUNT = 999_999_999_999;
const amountSchema = z.int().min(0).max(MAX_STRIPE_AMOUNT);

const currencySchema = z.string().regex(/^[a-z]{3}$/, "not a lowercase ISO currency code");

/** Receipt links are shown as links on the billing page: Stripe's are https, and nothing else is taken. */
const receiptUrlSchema = z.url({ protocol: /^https$/ });

export const checkoutSessionSchema = z.object({
  id: stripeIdSchema,
  object: z.literal("checkout.session"),
  // Strings, not enums: Stripe adds values ("open", "complete", "expired"; "paid", "unpaid", "no_payment_required"
  // today), and a new one must not turn an event into a 400. Only known values lead anywhere.
  mode: z.string(),
  status: z.string().nullable(),
  payment_status: z.string(),
  amount_total: amountSchema.nullable(),
  currency: currencySchema.nullable(),
  payment_intent: expandableIdSchema.nullable(),
});
export type CheckoutSession = z.infer<typeof checkoutSessionSchema>;

const chargeSchema = z
  .object({
    id: stripeIdSchema,
    object: z.literal("charge"),
    amount: amountSchema,
    /** Cumulative over every refund of the charge. */
    amount_refunded: amountSchema,
    currency: currencySchema,
    payment_intent: expandableIdSchema.nullable(),
    receipt_url: receiptUrlSchema.nullable(),
  })
  .refine((charge) => charge.amount_refunded <= charge.amount, {
    message: "more refunded than charged",
    path: ["amount_refunded"],
  });

const disputeSchema = z.object({
  id: stripeIdSchema,
  object: z.literal("dispute"),
  amount: amountSchema,
  currency: currencySchema,
  charge: expandableIdSchema,
  payment_intent: expandableIdSchema.nullable(),
});

/** What every event has, whatever its type; an event without it is malformed even when we would ignore its type. */
const eventEnvelopeSchema = z.object({
  id: stripeIdSchema,
  type: z.string().min(1).max(255),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

function eventOf<const Type extends string, const ObjectSchema extends z.ZodType>(type: Type, object: ObjectSchema) {
  return z.object({ id: stripeIdSchema, type: z.literal(type), data: z.object({ object }) });
}

const handledEventSchema = z.discriminatedUnion("type", [
  eventOf("checkout.session.completed", checkoutSessionSchema),
  eventOf("checkout.session.async_payment_succeeded", checkoutSessionSchema),
  eventOf("checkout.session.async_payment_failed", checkoutSessionSchema),
  eventOf("checkout.session.expired", checkoutSessionSchema),
  eventOf("charge.refunded", chargeSchema),
  eventOf("charge.dispute.funds_withdrawn", disputeSchema),
  eventOf("charge.dispute.funds_reinstated", disputeSchema),
]);
export type HandledStripeEvent = z.infer<typeof handledEventSchema>;
export type StripeEventOf<Type extends HandledStripeEvent["type"]> = Extract<HandledStripeEvent, { type: Type }>;

const handledTypes: ReadonlySet<string> = new Set(handledEventSchema.options.map((option) => option.shape.type.value));

export type ParsedStripeEvent =
  | { kind: "handled"; event: HandledStripeEvent }
  | { kind: "ignored"; id: string; type: string };

function malformed(error: z.ZodError): GatewayError {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join(".") : "";
  const reason = issue?.message ?? "invalid";
  return new GatewayError("invalid_value", `The event is not shaped as Stripe sends it: ${path || "body"}: ${reason}`, {
    param: path || null,
  });
}

/** A verified body as an event: handled types checked field by field, other types only for the envelope. */
export function parseStripeEvent(body: unknown): ParsedStripeEvent {
  const envelope = eventEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw malformed(envelope.error);
  if (!handledTypes.has(envelope.data.type)) return { kind: "ignored", id: envelope.data.id, type: envelope.data.type };
  const handled = handledEventSchema.safeParse(body);
  if (!handled.success) throw malformed(handled.error);
  return { kind: "handled", event: handled.data };
}
