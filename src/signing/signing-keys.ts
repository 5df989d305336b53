import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { SigningIdentity, TrustedRoot } from '../../entities';
import type { AppContext } from '../app-context';
import { newId } from '../db/ids';
import {
  certificateFingerprint,
  fromPkcs12,
  issueCertificate,
  splitPemBundle,
  toPkcs12,
  type KeyAndChain,
} from './pki';
import { sampleSealPng, sampleSignaturePng } from './sample-images';

/*
 * Keys held by the server: each identity's PKCS#12 store is encrypted with a password derived (HMAC) from
 * the environment's secret and the identity's id, so the database alone opens nothing.
 */

/** The signing secret: SIGNING_KEYS_SECRET, else one kept beside the data (a demo's). */
export function signingSecret(ctx: AppContext): string {
  if (ctx.config.signing.secret) return ctx.config.signing.secret;
  const file = path.join(ctx.config.dataDir, 'signing.secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(ctx.config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      // Another instance wrote it first.
      return fs.readFileSync(file, 'utf8').trim();
    }
  }
}

const storePassword = (ctx: AppContext, identityId: string): string =>
  createHmac('sha256', signingSecret(ctx)).update(`pkcs12:${identityId}`).digest('base64');

export interface ServerKey extends KeyAndChain {
  identity: SigningIdentity;
  imagePng: Buffer | null;
}

/** Stores an identity; with a key, its PKCS#12 store is encrypted for this installation. */
export async function saveIdentity(
  ctx: AppContext,
  em: EntityManager,
  input: {
    provinceId: string;
    holder: 'person' | 'organization';
    userId: string | null;
    material: KeyAndChain | { chainPem: string[]; keyPem?: undefined };
    imagePng: Buffer | null;
    sample: boolean;
  },
): Promise<SigningIdentity> {
  const id = newId();
  const { keyPem, chainPem } = input.material;
  const identity: SigningIdentity = {
    id,
    provinceId: input.provinceId,
    holder: input.holder,
    userId: input.userId,
    chainPem: chainPem.join(''),
    fingerprint: certificateFingerprint(chainPem[0]),
    pkcs12: keyPem
      ? toPkcs12({ keyPem, chainPem }, storePassword(ctx, id), input.holder).toString('base64')
      : null,
    imagePng: input.imagePng ? input.imagePng.toString('base64') : null,
    sample: input.sample,
    createdAt: ctx.clock().toISOString(),
  };
  if (keyPem) {
    // A new key replaces the holder's previous one (its certificate stays registered for checking).
    await em.update(
      SigningIdentity,
      {
        provinceId: input.provinceId,
        holder: input.holder,
        userId: input.userId ?? IsNull(),
        pkcs12: Not(IsNull()),
      },
      { pkcs12: null },
    );
  }
  await em.insert(SigningIdentity, identity);
  return identity;
}

/** The newest identity of a leader or of the organization, with its key opened; null when none has a key. */
export async function serverKey(
  ctx: AppContext,
  em: EntityManager,
  who: { provinceId: string; holder: 'person' | 'organization'; userId?: string | null },
): Promise<ServerKey | null> {
  const identity = await em.findOne(SigningIdentity, {
    where: {
      provinceId: who.provinceId,
      holder: who.holder,
      ...(who.holder === 'person' ? { userId: who.userId ?? '' } : {}),
      pkcs12: Not(IsNull()),
    },
    order: { createdAt: 'DESC' },
  });
  if (!identity?.pkcs12) return null;
  const material = fromPkcs12(Buffer.from(identity.pkcs12, 'base64'), storePassword(ctx, identity.id));
  return {
    ...material,
    identity,
    imagePng: identity.imagePng ? Buffer.from(identity.imagePng, 'base64') : null,
  };
}

/** Certificates registered for a leader (with or without a key here): how their own token is recognised. */
export async function registeredFingerprints(em: EntityManager, userId: string): Promise<string[]> {
  const rows = await em.find(SigningIdentity, { where: { holder: 'person', userId } });
  return rows.map((r) => r.fingerprint);
}

/** The visible image of a leader's signature, if one is configured. */
export async function signatureImage(em: EntityManager, userId: string): Promise<Buffer | null> {
  const row = await em.findOne(SigningIdentity, {
    where: { holder: 'person', userId },
    order: { createdAt: 'DESC' },
  });
  return row?.imagePng ? Buffer.from(row.imagePng, 'base64') : null;
}

/** Roots signatures must chain to: those in the database and those of SIGNING_TRUSTED_ROOTS. */
export async function trustedRoots(ctx: AppContext, em: EntityManager): Promise<string[]> {
  const stored = (await em.find(TrustedRoot)).map((r) => r.certificatePem);
  const file = ctx.config.signing.trustedRootsFile;
  const configured = file ? splitPemBundle(fs.readFileSync(file, 'utf8')) : [];
  return [...stored, ...configured];
}

export async function addTrustedRoot(
  ctx: AppContext,
  em: EntityManager,
  pem: string,
  subject: string,
  sample: boolean,
) {
  const fingerprint = certificateFingerprint(pem);
  if (await em.existsBy(TrustedRoot, { fingerprint })) return;
  await em.insert(TrustedRoot, {
    id: newId(),
    certificatePem: pem,
    fingerprint,
    subject,
    sample,
    createdAt: ctx.clock().toISOString(),
  });
}

/**
 * The demo's PKI: a sample root CA, a certificate for each leader and one for the organization's seal,
 * their keys held by the server, and images drawn by the product and marked "MẪU".
 */
export async function createDemoPki(
  ctx: AppContext,
  em: EntityManager,
  province: { id: string; issuerName: string; shortName: string },
  leaders: { id: string; displayName: string; title: string }[],
): Promise<void> {
  // Valid from before the demo's past years (2023–2025, whose decisions were signed then) to five years ahead.
  const notBefore = new Date(Date.UTC(2022, 0, 1));
  const years = ctx.clock().getUTCFullYear() - 2022 + 5;
  const rootSubject = {
    commonName: 'Điển hình — CA thử nghiệm (MẪU)',
    organization: 'Điển hình (dữ liệu mẫu)',
  };
  const root = issueCertificate({ subject: rootSubject, ca: true, notBefore, years: years + 10 });
  await addTrustedRoot(ctx, em, root.chainPem[0], rootSubject.commonName, true);
  for (const leader of leaders) {
    const material = issueCertificate({
      subject: {
        commonName: leader.displayName,
        title: leader.title,
        organization: province.issuerName,
        locality: province.shortName,
      },
      issuer: root,
      notBefore,
      years,
    });
    await saveIdentity(ctx, em, {
      provinceId: province.id,
      holder: 'person',
      userId: leader.id,
      material,
      imagePng: sampleSignaturePng(leader.displayName),
      sample: true,
    });
  }
  const seal = issueCertificate({
    subject: {
      commonName: province.issuerName,
      organization: province.issuerName,
      locality: province.shortName,
    },
    issuer: root,
    notBefore,
    years,
  });
  await saveIdentity(ctx, em, {
    provinceId: province.id,
    holder: 'organization',
    userId: null,
    material: seal,
    imagePng: sampleSealPng(province.issuerName),
    sample: true,
  });
}
