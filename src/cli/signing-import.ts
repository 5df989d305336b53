import fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { Province, User } from '../../entities';
import type { AppContext } from '../app-context';
import { inTransaction } from '../db/transactions';
import { NotFoundError, ValidationError } from '../http/errors';
import { fromPkcs12, splitPemBundle } from '../signing/pki';
import { saveIdentity } from '../signing/signing-keys';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface SigningImport {
  province: string | undefined;
  /** A leader's username; absent with `organization`. */
  user?: string;
  organization?: boolean;
  /** A PKCS#12 file from the CA (key held by the server) … */
  p12?: string;
  p12Password?: string;
  /** … or the certificate (PEM) of a leader's token, whose key stays with them. */
  cert?: string;
  /** The visible signature's image: the leader's signature (blue) or the seal (red), transparent PNG. */
  image?: string;
}

/**
 * Registers a signing identity: a leader's or the organization's PKCS#12 (re-encrypted for this
 * installation), or a leader's token certificate, with the image its visible signature shows.
 */
export async function importSigningIdentity(
  ds: DataSource,
  ctx: AppContext,
  input: SigningImport,
): Promise<string> {
  const province = await ds.manager.findOne(Province, { where: { code: input.province ?? '' } });
  if (!province) throw new NotFoundError('province_not_found', `Không có tỉnh mã ${input.province ?? ''}.`);
  if (Boolean(input.user) === Boolean(input.organization)) {
    throw new ValidationError('holder_required', 'Chọn đúng một: --user TÊN_ĐĂNG_NHẬP hoặc --organization.');
  }
  const user = input.user ? await ds.manager.findOne(User, { where: { username: input.user } }) : null;
  if (input.user && (!user || user.role !== 'signer' || user.provinceId !== province.id)) {
    throw new NotFoundError('signer_not_found', `${input.user} không phải người ký của ${province.name}.`);
  }
  const image = input.image ? fs.readFileSync(input.image) : null;
  if (image && !image.subarray(0, 8).equals(PNG_MAGIC)) {
    throw new ValidationError('image_not_png', 'Ảnh chữ ký hoặc con dấu phải là tệp PNG (nền trong suốt).');
  }
  let material: { keyPem?: string; chainPem: string[] };
  if (input.p12) {
    try {
      material = fromPkcs12(fs.readFileSync(input.p12), input.p12Password ?? '');
    } catch {
      throw new ValidationError(
        'pkcs12_unreadable',
        'Không mở được tệp PKCS#12 (sai mật khẩu hoặc tệp hỏng).',
      );
    }
  } else if (input.cert && input.user) {
    const chainPem = splitPemBundle(fs.readFileSync(input.cert, 'utf8'));
    if (!chainPem.length)
      throw new ValidationError('certificate_unreadable', 'Tệp không chứa chứng thư số PEM.');
    material = { chainPem };
  } else {
    throw new ValidationError(
      'key_required',
      'Cần --p12 TỆP --p12-password MẬT_KHẨU (hoặc --cert TỆP.pem cho người ký).',
    );
  }
  await inTransaction(ds, (em) =>
    saveIdentity(ctx, em, {
      provinceId: province.id,
      holder: input.organization ? 'organization' : 'person',
      userId: user?.id ?? null,
      material: material.keyPem
        ? { keyPem: material.keyPem, chainPem: material.chainPem }
        : { chainPem: material.chainPem },
      imagePng: image,
      sample: false,
    }),
  );
  return `${input.organization ? province.issuerName : (user?.displayName ?? '')}: đã đăng ký ${material.keyPem ? 'khóa ký (máy chủ giữ)' : 'chứng thư số của thiết bị ký'}${image ? ' và ảnh chữ ký' : ''}.`;
}
