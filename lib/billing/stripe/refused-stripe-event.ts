// An event that is well formed but contradicts Stripe's API or our own records (an amount other than the one Stripe
// charged or we asked for, a payment Stripe does not confirm). Nothing of it is booked: throwing inside a payment's
// transaction rolls that transaction back. The webhook answers 400, so Stripe shows the delivery as failed and
// retries it (harmless: the answer stays the same), and logs the facts once, for a person to look at.
import { GatewayError } from "../../gateway/errors";

export class StripeEventRefused extends GatewayError {
  /** For the log only: ids and amounts, never a secret. */
  readonly facts: Readonly<Record<string, unknown>>;

  constructor(message: string, facts: Record<string, unknown>, param?: string) {
    super("invalid_value", message, { param });
    this.name = "StripeEventRefused";
    this.facts = facts;
  }
}
