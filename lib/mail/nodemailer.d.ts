// The part of nodemailer (a dependency of next-auth's email sign-in, shipped without types) that sendMail uses.
declare module "nodemailer" {
  export interface Transporter {
    sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
  }
  export function createTransport(server: string): Transporter;
}
