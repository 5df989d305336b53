import type { SignerPosition } from '../../entities/decision.entity';

/**
 * The signature block of a provincial People's Committee document (Nghị định 30/2020, domain.md): built
 * from the authority (the Chairman's own act, or the collective body's) and the signer's position, never
 * from free text. "TM." never stands over a Chairman's own act; "CHỦ TỊCH" never over a Vice-Chairman.
 */
export function signatureLines(position: SignerPosition | null, collective = false): string[] {
  const byPosition = position === 'vice_chairman' ? ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] : ['CHỦ TỊCH'];
  return collective ? ['TM. ỦY BAN NHÂN DÂN', ...byPosition] : byPosition;
}

/** The authority line under the summary: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" or the collective body. */
export function authorityLine(issuerName: string, collective = false): string {
  return collective ? issuerName : `CHỦ TỊCH ${issuerName}`;
}

/** The lines for a decision made before positions were data: its printed title, as it was. */
export function legacySignatureLines(title: string): string[] {
  return ['TM. ỦY BAN NHÂN DÂN', title.toLocaleUpperCase('vi')];
}
