import { hash, verify } from "@node-rs/argon2";

// Argon2id with its library defaults (19 MiB, 2 passes): slow and salted, as OWASP recommends.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when the e-mail is unknown keeps the response time the same either way.
const DUMMY_HASH = hash("not-a-real-password-but-the-same-work");

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    await verify(await DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
