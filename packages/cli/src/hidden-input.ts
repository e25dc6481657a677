import { EloverblikError } from "@eloverblik-kit/client";

/** Everything piped into stdin (`eloverblik login < token.txt`), at most `limit` characters. */
async function readAll(stdin: NodeJS.ReadStream, limit: number): Promise<string> {
  let text = "";
  stdin.setEncoding("utf8");
  for await (const chunk of stdin) {
    text += chunk as string;
    if (text.length > limit) break;
  }
  return text.slice(0, limit);
}

/**
 * Reads one line from the terminal without echoing it (raw mode: the terminal shows nothing while
 * the token is typed or pasted), or the whole of stdin when it is not a terminal. Ctrl-C rejects
 * with ABORTED (exit 130).
 */
export function readSecret(prompt: string, stderr: NodeJS.WritableStream, limit = 10_000): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return readAll(stdin, limit);
  stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (error?: Error) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "\u0003") {
          return finish(new EloverblikError({ code: "ABORTED", message: "Login cancelled (Ctrl-C)." }));
        }
        if (ch === "\u0004") return finish();
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " " && value.length < limit) value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.resume();
  });
}
