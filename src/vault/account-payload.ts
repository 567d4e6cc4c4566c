import { isRecord, type Origin, utf8Decode, utf8Encode } from '../shared';
import { OTP_ALGORITHMS } from '../otp/limits';
import type { OtpAlgorithm, OtpParams, OtpType } from '../otp/types';
import { ACCOUNT_STATUSES, type AccountStatus } from './service-contract';

/**
 * The part of an account that is sealed: everything but id, record timestamps and order. How
 * a person uses an account (pinned, when last used) says something about them, so it is
 * sealed too.
 */
export interface AccountPayload {
  params: OtpParams;
  state: AccountStatus;
  origin?: Origin;
  /**
   * The origin was set by the person ("Use on this site"), not by a setup Keyfob saw there;
   * the popup words its questions by it.
   */
  linked?: true;
  /** Shown at the top of the popup's list. */
  pinned?: true;
  /** When its code was last copied or filled (ms since the epoch). */
  usedAt?: number;
}

const TYPES: readonly OtpType[] = ['totp', 'hotp', 'steam'];

/*
 * Plaintexts are padded to a multiple of this many bytes before sealing, so a ciphertext's
 * length says little about how long the secret, issuer or account name is.
 */
const PAD_BLOCK = 64;
const SPACE = 0x20;

const isPositiveInteger = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) > 0;

/**
 * Checks the shape of OTP parameters and copies out exactly the known fields, so nothing a
 * caller smuggled in gets sealed. Only structure is checked here; what a valid secret or
 * period is belongs to `src/otp`.
 */
export function toOtpParams(value: unknown): OtpParams | undefined {
  if (!isRecord(value)) return undefined;
  const { type, secret, account, issuer, algorithm, digits, period, counter } = value;
  if (!TYPES.includes(type as OtpType)) return undefined;
  if (typeof secret !== 'string' || secret.length === 0) return undefined;
  if (typeof account !== 'string') return undefined;
  if (issuer !== undefined && typeof issuer !== 'string') return undefined;
  if (!OTP_ALGORITHMS.includes(algorithm as OtpAlgorithm)) return undefined;
  if (!isPositiveInteger(digits) || !isPositiveInteger(period)) return undefined;
  if (
    type === 'hotp'
      ? !(Number.isSafeInteger(counter) && (counter as number) >= 0)
      : counter !== undefined
  ) {
    return undefined;
  }
  const params: OtpParams = {
    type: type as OtpType,
    secret,
    account,
    algorithm: algorithm as OtpAlgorithm,
    digits,
    period,
  };
  if (issuer !== undefined) params.issuer = issuer;
  if (counter !== undefined) params.counter = counter as number;
  return params;
}

/** Checks a whole payload's shape and copies out exactly the known fields. */
export function toAccountPayload(value: unknown): AccountPayload | undefined {
  if (!isRecord(value)) return undefined;
  const params = toOtpParams(value.params);
  if (!params || !ACCOUNT_STATUSES.includes(value.state as AccountStatus)) return undefined;
  const { origin, pinned, usedAt } = value;
  if (origin !== undefined && typeof origin !== 'string') return undefined;
  if (pinned !== undefined && pinned !== true) return undefined;
  if (usedAt !== undefined && !(typeof usedAt === 'number' && Number.isFinite(usedAt))) {
    return undefined;
  }
  const payload: AccountPayload = { params, state: value.state as AccountStatus };
  if (value.origin !== undefined) payload.origin = origin as Origin;
  if (value.linked !== undefined && (value.linked !== true || payload.origin === undefined)) {
    return undefined;
  }
  if (value.linked) payload.linked = true;
  if (pinned) payload.pinned = true;
  if (usedAt !== undefined) payload.usedAt = usedAt as number;
  return payload;
}

/** Plaintext bytes to seal: padded JSON. The caller wipes them after sealing. */
export function encodePayload(payload: AccountPayload): Uint8Array<ArrayBuffer> {
  const json = utf8Encode(JSON.stringify(payload));
  // JSON allows trailing whitespace, so spaces pad without any length field.
  const padded = new Uint8Array(Math.ceil((json.length + 1) / PAD_BLOCK) * PAD_BLOCK).fill(SPACE);
  padded.set(json);
  json.fill(0);
  return padded;
}

/** The payload inside opened plaintext, or undefined if it is not a valid payload. */
export function decodePayload(bytes: Uint8Array): AccountPayload | undefined {
  try {
    return toAccountPayload(JSON.parse(utf8Decode(bytes)));
  } catch {
    return undefined;
  }
}
