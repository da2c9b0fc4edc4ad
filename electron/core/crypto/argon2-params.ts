/**
 * Argon2id cost for deriving a key from a staff password (libsodium crypto_pwhash,
 * ALG_ARGON2ID13, one lane). Unlocking is the one place the kiosk pays for it, and the budget
 * in DESIGN.md is 250–700 ms. The values are picked with tests/bench/argon2-params.ts
 * (`node --import tsx tests/bench/argon2-params.ts`), which times the real unlock path.
 *
 * The parameters are stored beside every password-wrapped key, so raising these constants
 * later does not strand existing keys: an unlock with weaker stored parameters still works,
 * and `needsStrongerParams` tells the caller to re-wrap with the new ones while DK is in hand.
 *
 * Tests pass cheaper parameters explicitly as an argument. There is deliberately no
 * environment variable or setting that lowers these: such a switch would be one typo away
 * from weakening every production key.
 */
export interface Argon2Params {
  /** passes over memory (Argon2 "t") */
  readonly opslimit: number;
  /** memory in bytes, a multiple of 1024 (Argon2 "m" in KiB times 1024) */
  readonly memlimit: number;
}

const MiB = 1024 * 1024;

/**
 * Measured on the development machine (2 vCPU shared with other work, Node 22.23.3,
 * libsodium.js 1.0.22 WebAssembly), full unlock = Argon2id + unwrap, 9 timed runs after a
 * warm-up, two runs of the benchmark (load average 1.3–1.9):
 *   opslimit 3, memlimit 128 MiB: min 452–469, median 497–541, max 558–639 ms   <- chosen
 *   opslimit 2, memlimit 128 MiB: median 279–307 ms (a faster kiosk would drop below 250)
 *   opslimit 4, memlimit  64 MiB: median 311–317 ms (similar time, half the memory)
 *   opslimit 4, memlimit 128 MiB: median 650–872 ms (over the budget)
 * Memory is what makes guessing on GPUs and ASICs expensive, so it is raised first. 128 MiB
 * is the most we let the main process grow by: libsodium's WebAssembly memory grows to fit
 * and never shrinks, until the derivation moves to a worker thread. Three passes put unlock
 * in the middle of the budget, with room for a slower kiosk.
 */
export const ARGON2_PARAMS: Argon2Params = Object.freeze({ opslimit: 3, memlimit: 128 * MiB });

/**
 * The range an unlock accepts from stored parameters. The floor is libsodium's own minimum,
 * so keys wrapped with older or test parameters still open; the ceiling stops a tampered row
 * from making a login allocate gigabytes or run for minutes, and leaves room to raise the
 * production cost several times over.
 */
export const ARGON2_ACCEPTED = Object.freeze({
  minOpslimit: 1,
  maxOpslimit: 10,
  minMemlimit: 8 * 1024,
  maxMemlimit: 512 * MiB,
});

export function isAcceptedArgon2Params(params: Argon2Params): boolean {
  const { opslimit, memlimit } = params;
  return (
    Number.isSafeInteger(opslimit) &&
    Number.isSafeInteger(memlimit) &&
    opslimit >= ARGON2_ACCEPTED.minOpslimit &&
    opslimit <= ARGON2_ACCEPTED.maxOpslimit &&
    memlimit >= ARGON2_ACCEPTED.minMemlimit &&
    memlimit <= ARGON2_ACCEPTED.maxMemlimit &&
    memlimit % 1024 === 0
  );
}
