import { createGuardrails } from '@otplib/core';
import { base32 } from '@otplib/plugin-base32-scure';
import { crypto } from '@otplib/plugin-crypto-noble';
import { MAX_PERIOD, MAX_SECRET_BYTES, MIN_PERIOD, MIN_SECRET_BYTES } from './limits';

/**
 * The one place otplib is configured: every call into @otplib passes these.
 *
 * - crypto: noble-hashes, pure JavaScript, because `src/crypto` is the only module allowed
 *   to use WebCrypto (docs/architecture.md §2).
 * - base32: scure, which is strict; it only ever sees the canonical base32 that
 *   `normaliseSecret` produces.
 * - guardrails: set to Keyfob's own limits, so otplib refuses exactly what Keyfob refuses.
 *   Its default minimum of 16 bytes would reject the 10-byte secrets many issuers still
 *   hand out (see `MIN_SECRET_BYTES`).
 */
export const otpPlugins = Object.freeze({
  crypto,
  base32,
  guardrails: createGuardrails({
    MIN_SECRET_BYTES,
    MAX_SECRET_BYTES,
    MIN_PERIOD,
    MAX_PERIOD,
  }),
});
