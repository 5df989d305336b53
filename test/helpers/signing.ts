import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applySignature, withKey } from '../../src/signing/document-signing';
import { issueCertificate, type KeyAndChain } from '../../src/signing/pki';

export interface PdfSignature {
  commonName: string;
  valid: boolean;
  ranges: string;
  total: boolean;
}

/** `pdfsig` (poppler) on the bytes: each signature's signer, whether it is valid, what it covers. */
export function pdfsig(bytes: Buffer): PdfSignature[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdfsig-'));
  const file = path.join(dir, 'doc.pdf');
  fs.writeFileSync(file, bytes);
  let out = '';
  try {
    out = execFileSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => ({
      commonName: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1]?.trim() ?? '',
      valid: /Signature Validation: Signature is Valid\./.test(block),
      ranges: /Signed Ranges: (.*)$/m.exec(block)?.[1]?.trim() ?? '',
      total: /Total document signed/.test(block) && !/Not total document signed/.test(block),
    }));
}

const yearsAgo = (n: number) => new Date(Date.now() - n * 365 * 24 * 3600 * 1000);

/** A CA of the tests' own (a stand-in for the government CA), its root written as a PEM bundle. */
export function testCa(dir: string, name = 'Ban Cơ yếu Chính phủ (thử nghiệm)') {
  const root = issueCertificate({
    subject: { commonName: name },
    ca: true,
    notBefore: yearsAgo(1),
    years: 20,
  });
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.pem`);
  fs.writeFileSync(file, root.chainPem[0]);
  return {
    root,
    rootsFile: file,
    /** A token's certificate issued to `commonName`. */
    token(commonName: string, opts: { notBefore?: Date; years?: number } = {}): KeyAndChain {
      return issueCertificate({
        subject: { commonName, organization: 'ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG' },
        issuer: root,
        notBefore: opts.notBefore ?? yearsAgo(1),
        years: opts.years ?? 5,
      });
    },
  };
}

/** What the leader's own signing software does: an invisible signature appended to the bytes. */
export function signAsToken(pdf: Buffer, token: KeyAndChain, name = 'Người ký'): Promise<Buffer> {
  return applySignature(
    pdf,
    { name, reason: 'Ký số', location: 'Tuyên Quang', signedAt: new Date() },
    token.chainPem,
    withKey(token.keyPem),
  );
}
