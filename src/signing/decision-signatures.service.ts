import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Decision } from '../../entities';
import { Province } from '../../entities';
import type { AppContext } from '../app-context';
import type { CurrentUser } from '../auth/current-user';
import { renderCertificateWithLayout, type CertificateDocument } from '../documents/certificate.pdf';
import { ConflictError, RuleError } from '../http/errors';
import { POSITION_TITLES } from '../decisions/decisions.service';
import { verifyCms } from './cms';
import {
  applySignature,
  organizationSignature,
  personSignature,
  sealPlacement,
  stampsFor,
  withKey,
  type SignableLayout,
  type SignatureFunction,
} from './document-signing';
import { newDocumentKey, readDocument, writeDocument } from './document-store';
import { findSignatures, isoVietnam, signedContent } from './pdf-signature';
import { certificateFingerprint } from './pki';
import { registeredFingerprints, serverKey, signatureImage, trustedRoots } from './signing-keys';
import { remoteSigner } from './remote-signing';

export type SigningMethod = 'server' | 'external' | 'remote';

/** The revision the leader signed, ready to be kept with the SIGN step. */
export interface SignedRevision {
  bytes: Buffer;
  sha256: string;
  layout: SignableLayout;
  method: SigningMethod;
  signerCommonName: string | null;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The document the leader signs (`signing.pdf`) and where its signature and blanks are. */
export interface DocumentToSign {
  bytes: Buffer;
  layout: SignableLayout;
}

async function placeOf(em: EntityManager, decision: Decision): Promise<Province> {
  return em.findOneOrFail(Province, { where: { id: decision.provinceId } });
}

const leaderOf = (decision: Decision, province: Province) => ({
  name: decision.signerName ?? '',
  position: decision.signerPosition ? POSITION_TITLES[decision.signerPosition] : (decision.signerTitle ?? ''),
  place: province.shortName,
});

/**
 * Checks that `signed` is the prepared document with exactly one signature added over the whole file, by
 * the assigned leader, valid, and chaining to a trusted root at its signing time. 422 naming the reason.
 */
async function checkLeaderSignature(
  ctx: AppContext,
  em: EntityManager,
  decision: Decision,
  prepared: Buffer,
  signed: Buffer,
): Promise<string | null> {
  if (signed.length <= prepared.length || !signed.subarray(0, prepared.length).equals(prepared)) {
    throw new RuleError(
      'not_an_update',
      'Tệp tải lên không phải là bản ký của đúng tệp cần ký (signing.pdf) của quyết định này: tệp đã ký phải giữ nguyên toàn bộ nội dung tệp cần ký và chỉ thêm chữ ký số.',
    );
  }
  const added = findSignatures(signed).filter((s) => s.revisionEnd > prepared.length);
  if (added.length !== 1) {
    throw new RuleError('signature_missing', 'Tệp tải lên phải có đúng một chữ ký số mới trên tệp cần ký.');
  }
  const [sig] = added;
  if (sig.byteRange[0] !== 0 || sig.revisionEnd !== signed.length) {
    throw new RuleError(
      'signature_incomplete',
      'Chữ ký số không bao trùm toàn bộ tệp: tệp đã bị thêm nội dung sau khi ký.',
    );
  }
  const now = ctx.clock();
  const at = sig.signedAt && sig.signedAt <= now ? sig.signedAt : now;
  const check = await verifyCms(
    sig.cms,
    signedContent(signed, sig.byteRange),
    await trustedRoots(ctx, em),
    at,
  );
  if (!check.signatureValid) {
    throw new RuleError(
      'signature_invalid',
      'Chữ ký số không hợp lệ: tệp đã bị sửa sau khi ký hoặc chữ ký bị hỏng.',
    );
  }
  if (!check.trusted) {
    throw check.problem === 'expired'
      ? new RuleError(
          'certificate_expired',
          'Chứng thư số đã hết hạn hoặc chưa có hiệu lực tại thời điểm ký.',
        )
      : new RuleError(
          'certificate_untrusted',
          'Chứng thư số không do tổ chức cung cấp dịch vụ chứng thực chữ ký số được tin cậy cấp.',
        );
  }
  const registered = await registeredFingerprints(em, decision.signerId ?? '');
  const fingerprint = check.signerPem ? certificateFingerprint(check.signerPem) : '';
  const sameName =
    (check.commonName ?? '').normalize('NFC').trim().toLocaleLowerCase('vi') ===
    (decision.signerName ?? '').normalize('NFC').trim().toLocaleLowerCase('vi');
  // Their registered certificate, or one a trusted CA issued in their name (a new token).
  if (!registered.includes(fingerprint) && !sameName) {
    throw new RuleError(
      'wrong_signer',
      `Chữ ký số là của "${check.commonName ?? 'không rõ'}", không phải của người ký được giao (${decision.signerName ?? ''}).`,
    );
  }
  return check.commonName;
}

/** SIGN with the leader's key held by the server. 409 when they have none (they sign on their token). */
export async function signWithServerKey(
  ctx: AppContext,
  em: EntityManager,
  decision: Decision,
  toSign: DocumentToSign,
): Promise<SignedRevision> {
  const key = await serverKey(ctx, em, {
    provinceId: decision.provinceId,
    holder: 'person',
    userId: decision.signerId,
  });
  if (!key) {
    throw new ConflictError(
      'no_server_key',
      'Máy chủ không giữ khóa ký của người ký này: hãy tải tệp cần ký, ký bằng phần mềm ký số rồi tải tệp đã ký lên, hoặc ký số từ xa.',
    );
  }
  return signWith(ctx, em, decision, toSign, key.chainPem, withKey(key.keyPem), key.imagePng, 'server');
}

async function signWith(
  ctx: AppContext,
  em: EntityManager,
  decision: Decision,
  toSign: DocumentToSign,
  chainPem: string[],
  signValue: SignatureFunction,
  image: Buffer | null,
  method: SigningMethod,
): Promise<SignedRevision> {
  const province = await placeOf(em, decision);
  const { bytes: prepared, layout } = toSign;
  const request = personSignature(layout, leaderOf(decision, province), image, ctx.clock());
  const bytes = await applySignature(prepared, request, chainPem, signValue);
  const signerCommonName = await checkLeaderSignature(ctx, em, decision, prepared, bytes);
  return { bytes, sha256: sha256(bytes), layout, method, signerCommonName };
}

/** SIGN by upload: the leader signed `signing.pdf` with their own token software. */
export async function acceptUploadedSignature(
  ctx: AppContext,
  em: EntityManager,
  decision: Decision,
  toSign: DocumentToSign,
  upload: Buffer,
): Promise<SignedRevision> {
  const { bytes: prepared, layout } = toSign;
  const signerCommonName = await checkLeaderSignature(ctx, em, decision, prepared, upload);
  return { bytes: upload, sha256: sha256(upload), layout, method: 'external', signerCommonName };
}

/** SIGN through the remote signing service: the leader confirms on their phone; only the hash leaves. */
export async function signRemotely(
  ctx: AppContext,
  em: EntityManager,
  decision: Decision,
  toSign: DocumentToSign,
  user: CurrentUser,
): Promise<SignedRevision> {
  const remote = await remoteSigner(ctx, user.username, `Quyết định (dự thảo ${decision.id.slice(0, 8)})`);
  const image = await signatureImage(em, decision.signerId ?? '');
  return signWith(ctx, em, decision, toSign, remote.chainPem, remote.sign, image, 'remote');
}

/**
 * The văn thư's step on a decision the leader signed: number and date written into the blanks and the
 * organization's signature with the seal, as an incremental update that keeps the leader's signature
 * valid. Kept as issued; returns its key and hash.
 */
export async function sealIssuedDecision(
  ctx: AppContext,
  em: EntityManager,
  decision: Decision,
  numbered: { numberText: string; issuedAt: string },
): Promise<{ key: string; sha256: string } | null> {
  if (!decision.signedDocumentKey || !decision.signingLayout) return null; // signed before signatures were kept
  const province = await placeOf(em, decision);
  const seal = await serverKey(ctx, em, { provinceId: decision.provinceId, holder: 'organization' });
  if (!seal) {
    throw new ConflictError(
      'no_organization_key',
      'Chưa cấu hình chữ ký số của cơ quan (con dấu) nên chưa thể ban hành văn bản điện tử.',
    );
  }
  const layout = JSON.parse(decision.signingLayout) as SignableLayout;
  const signed = await readDocument(ctx, decision.signedDocumentKey);
  const request = organizationSignature(
    sealPlacement(layout),
    { organization: province.issuerName, place: province.shortName },
    seal.imagePng,
    ctx.clock(),
    stampsFor(layout, numbered.numberText, numbered.issuedAt),
  );
  const bytes = await applySignature(signed, request, seal.chainPem, withKey(seal.keyPem));
  const key = newDocumentKey(`decisions/${decision.id}/issued`);
  await writeDocument(ctx, key, bytes);
  return { key, sha256: sha256(bytes) };
}

/** A certificate or Bằng khen signed by the organization, its seal over the signature block. */
export async function sealCertificate(
  ctx: AppContext,
  em: EntityManager,
  provinceId: string,
  doc: CertificateDocument,
): Promise<Buffer | null> {
  const seal = await serverKey(ctx, em, { provinceId, holder: 'organization' });
  if (!seal) return null;
  const { bytes, signature, pageHeight } = await renderCertificateWithLayout(doc);
  const layout: SignableLayout = { signature, slots: [], pageHeight };
  const request = organizationSignature(
    sealPlacement(layout),
    { organization: doc.issuerName, place: doc.placeName },
    seal.imagePng,
    ctx.clock(),
  );
  return applySignature(bytes, request, seal.chainPem, withKey(seal.keyPem));
}

export interface SignatureCheck {
  /** The certificate's holder, as its common name says. */
  signer: string;
  organization: string | null;
  /** ISO 8601, Vietnam time. */
  signedAt: string | null;
  /** The signature matches the document and its certificate chains to a trusted root. */
  valid: boolean;
}

/** Every signature of a kept document, each checked again (nothing is taken from the database). */
export async function checkDocumentSignatures(
  ctx: AppContext,
  em: EntityManager,
  bytes: Buffer,
): Promise<SignatureCheck[]> {
  const roots = await trustedRoots(ctx, em);
  const out: SignatureCheck[] = [];
  for (const sig of findSignatures(bytes)) {
    const at = sig.signedAt ?? ctx.clock();
    const check = await verifyCms(sig.cms, signedContent(bytes, sig.byteRange), roots, at);
    out.push({
      signer: check.commonName ?? '',
      organization: check.organization,
      signedAt: sig.signedAt ? isoVietnam(sig.signedAt) : null,
      valid: check.signatureValid && check.trusted,
    });
  }
  return out;
}
