// How long a Checkout Session stays payable (Stripe allows 30 minutes to 24 hours). An abandoned one then expires,
// and checkout.session.expired marks its pending payment, so it leaves the billing page within the hour.
export const CHECKOUT_TTL_MS = 60 * 60_000;
