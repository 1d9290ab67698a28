/**
 * User strings that become parts of file names (channel names in `bg-<channel>-<method>.png`,
 * labels): refused when they could name another folder or a hidden or special file, instead
 * of letting `R/../../../escaped` write a PNG outside -o.
 */
import { UsageError } from "./errors.js";

// Path separators and characters Windows refuses; control characters are checked apart.
const UNSAFE = /[/\\<>:"|?*]/;

function hasControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return true;
  return false;
}

/** Throws a UsageError naming `what` unless `value` can be used inside a file name as is. */
export function checkFileNamePart(what: string, value: string): void {
  if (value === "" || value === "." || value === ".." || UNSAFE.test(value) || hasControl(value)) {
    throw new UsageError(
      `${what} ${JSON.stringify(value)} cannot be part of a file name (no path separators, "..", control or <>:"|?* characters)`,
    );
  }
}
