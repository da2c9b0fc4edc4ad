import { gb11643CheckChar } from '../../../shared/domain/resident-id.js';

/** A resident ID with the right check character: region (6 digits) + YYYYMMDD + sequence (3 digits). */
export function residentId(region: string, birth: string, sequence = '001'): string {
  const body = `${region}${birth}${sequence}`;
  return body + gb11643CheckChar(body);
}

/** The 2023 foreign permanent-residence number: 9 + province + nationality + YYYYMMDD + sequence. */
export function permanentResidenceId(
  province: string,
  nationality: string,
  birth: string,
  sequence = '001',
): string {
  const body = `9${province}${nationality}${birth}${sequence}`;
  return body + gb11643CheckChar(body);
}

/** Freeze an object graph, so a test fails if a function writes into its input. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
