// /docs/streaming – the answer as server-sent events: the frames, the usage chunk, and how a failed stream ends.
import { getTranslations } from "next-intl/server";
import type { DocPageProps } from "@/components/docs/doc-page";
import { BulletList, DocSample, DocSection, Note, Paragraph, PlainCode, RICH_TAGS } from "@/components/docs/prose";
import { samples } from "@/lib/docs/samples/streaming";

function frames(model: string): string {
  const chunk = (delta: string, finish = "null") =>
    `data: {"id":"chatcmpl-…","object":"chat.completion.chunk","model":"${model}","choices":[{"index":0,"delta":${delta},"finish_reason":${finish}}]}`;
  return [
    chunk('{"role":"assistant","content":""}'),
    chunk('{"content":"Lanterns"}'),
    chunk('{"content":" sway…"}'),
    chunk("{}", '"stop"'),
    `data: {"id":"chatcmpl-…","object":"chat.completion.chunk","model":"${model}","choices":[],"usage":{"prompt_tokens":14,"completion_tokens":19,"total_tokens":33,"cost":0.0000135}}`,
    "data: [DONE]",
  ].join("\n\n");
}

const ERROR_FRAME = `data: {"error":{"message":"The upstream provider failed during the stream: …","type":"upstream_error","code":"upstream_error","param":null}}`;

export default async function Streaming({ context }: DocPageProps) {
  const t = await getTranslations("docs-streaming");
  return (
    <>
      <DocSection id="stream" title={t("sections.stream")}>
        <Paragraph>{t.rich("stream.text", RICH_TAGS)}</Paragraph>
        <DocSample sample={samples.stream} context={context} label={t("stream.label")} />
      </DocSection>

      <DocSection id="frames" title={t("sections.frames")}>
        <Paragraph>{t.rich("frames.text", RICH_TAGS)}</Paragraph>
        <PlainCode label={t("frames.label")} code={frames(context.model)} />
      </DocSection>

      <DocSection id="usage" title={t("sections.usage")}>
        <BulletList
          items={(["ask", "last", "always"] as const).map((item) => t.rich(`usage.points.${item}`, RICH_TAGS))}
        />
      </DocSection>

      <DocSection id="errors" title={t("sections.errors")}>
        <Paragraph>{t.rich("errors.before", RICH_TAGS)}</Paragraph>
        <Paragraph>{t.rich("errors.after", RICH_TAGS)}</Paragraph>
        <PlainCode label={t("errors.label")} code={ERROR_FRAME} />
        <BulletList
          items={(["sdk", "charged", "retry"] as const).map((item) => t.rich(`errors.points.${item}`, RICH_TAGS))}
        />
      </DocSection>

      <DocSection id="cancel" title={t("sections.cancel")}>
        <Paragraph>{t.rich("cancel.text", RICH_TAGS)}</Paragraph>
        <Note>{t.rich("cancel.proxy", RICH_TAGS)}</Note>
      </DocSection>
    </>
  );
}
