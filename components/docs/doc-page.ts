// What every docs page's content component receives.
import type { SampleContext } from "@/lib/docs/sample";

export interface DocPageProps {
  /** The origin and model the page's samples are written for. */
  context: SampleContext;
}
