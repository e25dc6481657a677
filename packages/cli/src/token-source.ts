import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ApiKind } from "@eloverblik-kit/client";
import { KEYCHAIN_SERVICE, type Keychain, openKeychain } from "./keychain.js";
import { configDirectory } from "./paths.js";

/** Where a refresh token came from (or went): said by `token info` and `login`, never the token. */
export type TokenSource =
  | { kind: "env"; variable: "ELOVERBLIK_REFRESH_TOKEN" }
  | { kind: "keychain"; service: string; account: string }
  | { kind: "file"; path: string }
  | { kind: "simulator" };

export interface FoundToken {
  token: string;
  source: TokenSource;
  /** The API the token is stored under (env: unknown until its claims are read). */
  api?: ApiKind;
}

export function describeSource(source: TokenSource): string {
  switch (source.kind) {
    case "env":
      return `the environment variable ${source.variable}`;
    case "keychain":
      return `the OS keychain (service "${source.service}", account "${source.account}")`;
    case "file":
      return `the file ${source.path} (mode 0600)`;
    case "simulator":
      return "the built-in simulator (a made-up token)";
  }
}

export function tokenFile(env: NodeJS.ProcessEnv, api: ApiKind): string {
  return join(configDirectory(env), `refresh-token-${api}`);
}

async function readTokenFile(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, "utf8")).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Mode bits beyond the owner's on a token file: said as a warning, as ssh does for keys. */
export async function looseModeOf(path: string): Promise<string | undefined> {
  if (process.platform === "win32") return undefined;
  try {
    const mode = (await stat(path)).mode & 0o777;
    return mode & 0o077 ? mode.toString(8).padStart(4, "0") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The refresh token, looked for where `gh` and other mature CLIs look: the environment variable
 * first, then the OS keychain, then the file under the XDG config directory. Without an explicit API
 * the customer token is looked for before the third-party one.
 */
export async function findRefreshToken(
  env: NodeJS.ProcessEnv,
  api: ApiKind | undefined,
  keychain?: Keychain,
): Promise<FoundToken | undefined> {
  const fromEnv = env.ELOVERBLIK_REFRESH_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: { kind: "env", variable: "ELOVERBLIK_REFRESH_TOKEN" } };
  const apis: ApiKind[] = api ? [api] : ["customer", "thirdparty"];
  const chain = keychain ?? (await openKeychain(env));
  for (const a of apis) {
    const token = chain?.get(a);
    if (token) return { token, api: a, source: { kind: "keychain", service: KEYCHAIN_SERVICE, account: a } };
  }
  for (const a of apis) {
    const path = tokenFile(env, a);
    const token = await readTokenFile(path);
    if (token) return { token, api: a, source: { kind: "file", path } };
  }
  return undefined;
}

/** Keeps a refresh token in the keychain when there is one, else in a 0600 file in a 0700 directory. */
export async function storeRefreshToken(
  env: NodeJS.ProcessEnv,
  api: ApiKind,
  token: string,
  keychain?: Keychain,
): Promise<TokenSource> {
  const chain = keychain ?? (await openKeychain(env));
  if (chain) {
    try {
      chain.set(api, token);
      // One place per API: an older file copy would otherwise outlive a new token.
      await rm(tokenFile(env, api), { force: true });
      return { kind: "keychain", service: KEYCHAIN_SERVICE, account: api };
    } catch {
      // A keychain that refuses to write (locked, no session): fall back to the file.
    }
  }
  const dir = configDirectory(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700).catch(() => undefined);
  const path = tokenFile(env, api);
  const aside = `${path}.${process.pid}.tmp`;
  await writeFile(aside, `${token}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file.
  await chmod(aside, 0o600);
  await rename(aside, path);
  return { kind: "file", path };
}

/** Removes the stored refresh token of an API from the keychain and the file; what was removed. */
export async function forgetRefreshToken(env: NodeJS.ProcessEnv, api: ApiKind): Promise<TokenSource[]> {
  const removed: TokenSource[] = [];
  const chain = await openKeychain(env);
  if (chain?.get(api) !== undefined && chain.delete(api)) {
    removed.push({ kind: "keychain", service: KEYCHAIN_SERVICE, account: api });
  }
  const path = tokenFile(env, api);
  if ((await readTokenFile(path)) !== undefined) {
    await rm(path, { force: true });
    removed.push({ kind: "file", path });
  }
  return removed;
}
