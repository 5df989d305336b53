/**
 * A certificate serial as people type it back from paper: any case, with or without dashes or spaces
 * ("tq2026 7k3m 9q2x wd4b" → "TQ-2026-7K3M-9Q2X-WD4B"). Null when it cannot be a serial at all.
 */
export function canonicalSerial(input: string): string | null {
  const compact = input
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '');
  const m = /^([A-Z]{2,8})(\d{4})([0-9A-Z]{4})([0-9A-Z]{4})([0-9A-Z]{4})$/.exec(compact);
  return m ? `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}` : null;
}
