// multipart/form-data both ways: a client's upload read into its fields and its one file, and the upstream's upload
// written back out. Parsing is the platform's own (the fetch Response's formData()); writing is done here, into one
// buffer, so that the upstream request is an ordinary body that can be sent again on failover.
import { randomBytes } from "node:crypto";
import { GatewayError } from "../errors";
import type { AudioUpload } from "../providers/types";

export interface ParsedUpload {
  /** Every text field in the order sent, repeated names (`include[]`) kept. */
  fields: Array<[string, string]>;
  /** The files sent, by field name. */
  files: Map<string, AudioUpload>;
}

export function isMultipart(contentType: string): boolean {
  return /^multipart\/form-data\s*;.*boundary=/i.test(contentType);
}

export async function parseMultipart(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<ParsedUpload> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new GatewayError("invalid_value", "The multipart/form-data body could not be read");
  }
  const fields: Array<[string, string]> = [];
  const files = new Map<string, AudioUpload>();
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") fields.push([name, value]);
    else if (!files.has(name)) {
      files.set(name, { name: value.name, type: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { fields, files };
}

/** Per the HTML standard: a quote and line breaks in a field or file name are percent-encoded. */
function quoted(name: string): string {
  return name.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function encodeMultipart(
  fields: Array<[string, string]>,
  file: { name: string; upload: AudioUpload },
): { body: Uint8Array; contentType: string } {
  const boundary = `----switchyard${randomBytes(12).toString("hex")}`;
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n`));
    parts.push(Buffer.from(value, "utf8"), Buffer.from("\r\n"));
  }
  const type = file.upload.type || "application/octet-stream";
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.name)}"; ` +
        `filename="${quoted(file.upload.name)}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    Buffer.from(file.upload.bytes.buffer, file.upload.bytes.byteOffset, file.upload.bytes.byteLength),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
