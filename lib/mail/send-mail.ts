// Mail to an account's owner (spending alerts and the like): through SMTP when EMAIL_SERVER is set, as sign-in links
// are; otherwise written to the server log, the same fallback as the sign-in links' dev mailer (lib/auth/dev-mailer.ts).
import "../server-only";
import { createTransport, type Transporter } from "nodemailer";
import { env } from "../env";
import { log } from "../log";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const DEFAULT_FROM = "Switchyard <no-reply@localhost>";

const shared = globalThis as { switchyardMailer?: { server: string; transporter: Transporter } };

function transporter(server: string): Transporter {
  if (shared.switchyardMailer?.server !== server) {
    shared.switchyardMailer = { server, transporter: createTransport(server) };
  }
  return shared.switchyardMailer.transporter;
}

/** Sends one mail; throws when the SMTP server refuses it (the caller decides whether that matters). */
export async function sendMail(mail: Mail): Promise<void> {
  const server = env().EMAIL_SERVER;
  if (!server) {
    log.info("email (EMAIL_SERVER is unset, so no mail was sent)", {
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return;
  }
  await transporter(server).sendMail({ from: env().EMAIL_FROM ?? DEFAULT_FROM, ...mail });
}
