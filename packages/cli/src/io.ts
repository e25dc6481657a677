import { redactSecrets } from "@eloverblik-kit/client/insights";

/** Where the command writes: data on stdout, everything else on stderr, both scrubbed of secrets. */
export interface Io {
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly columns: number;
  /** Raw stdout for streamed CSV (numbers and ids only, so not scrubbed line by line). */
  readonly stdoutStream: NodeJS.WritableStream;
  readonly stderrStream: NodeJS.WriteStream;
  out(text: string): void;
  err(text: string): void;
  /** Adds a string that must never be printed (a refresh or data-access token). */
  secret(value: string | undefined): void;
}

export function processIo(): Io {
  const secrets: string[] = [];
  const clean = (text: string) => redactSecrets(text, secrets);
  const line = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);
  return {
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.columns || process.stderr.columns || 100,
    stdoutStream: process.stdout,
    stderrStream: process.stderr,
    out: (text) => process.stdout.write(clean(line(text))),
    err: (text) => process.stderr.write(clean(line(text))),
    secret(value) {
      const v = value?.trim();
      if (v && v.length >= 8 && !secrets.includes(v)) secrets.push(v);
    },
  };
}
