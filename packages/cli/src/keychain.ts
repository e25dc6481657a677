/** The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service), when there is one. */
export interface Keychain {
  get(account: string): string | undefined;
  set(account: string, secret: string): void;
  delete(account: string): boolean;
}

export const KEYCHAIN_SERVICE = "eloverblik-kit";

interface KeyringEntry {
  getPassword(): string | null;
  setPassword(password: string): void;
  deletePassword(): boolean;
}
type KeyringModule = { Entry: new (service: string, account: string) => KeyringEntry };

/**
 * Loads `@napi-rs/keyring` (an optional dependency: prebuilt per platform, absent where it has no
 * build) and checks that the platform store answers: a Linux machine without a Secret Service gives
 * undefined, and the CLI keeps the token in a 0600 file instead. `ELOVERBLIK_KEYCHAIN=off` skips it.
 */
export async function openKeychain(env: NodeJS.ProcessEnv): Promise<Keychain | undefined> {
  if (/^(off|0|false|no)$/i.test(env.ELOVERBLIK_KEYCHAIN?.trim() ?? "")) return undefined;
  let mod: KeyringModule;
  try {
    mod = (await import("@napi-rs/keyring")) as unknown as KeyringModule;
  } catch {
    return undefined;
  }
  const entry = (account: string) => new mod.Entry(KEYCHAIN_SERVICE, account);
  try {
    entry("probe").getPassword();
  } catch {
    return undefined;
  }
  return {
    get(account) {
      try {
        return entry(account).getPassword()?.trim() || undefined;
      } catch {
        return undefined;
      }
    },
    set(account, secret) {
      entry(account).setPassword(secret);
    },
    delete(account) {
      try {
        return entry(account).deletePassword();
      } catch {
        return false;
      }
    },
  };
}
