import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { pemToDer } from './pki';

/*
 * CMS (PKCS#7) detached signatures as PAdES baseline wants them (ETSI EN 319 142: SubFilter
 * ETSI.CAdES.detached, a signing-certificate-v2 attribute, the signing time in the PDF's /M rather than a
 * signingTime attribute). pkijs builds and verifies them: building in parts lets the signature value come
 * from anywhere — a key held here, or a remote signing service that only ever sees the hash.
 */
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
};

const toArrayBuffer = (b: Buffer): ArrayBuffer => Uint8Array.from(b).buffer;

export function parseCertificate(pem: string): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(pemToDer(pem)));
}

/** The signed attributes over the document's digest, for the signer's certificate. */
export function signedAttributes(
  documentDigest: Buffer,
  signerPem: string,
): pkijs.SignedAndUnsignedAttributes {
  const certHash = createHash('sha256').update(pemToDer(signerPem)).digest();
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) })],
  });
  const signingCertificateV2 = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [essCertIdV2] })],
  });
  return new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: OID.data })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: toArrayBuffer(documentDigest) })],
      }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
    ],
  });
}

/** The bytes a signature value is computed over: the attributes DER-encoded as a SET (RFC 5652 §5.4). */
export function bytesToSign(attrs: pkijs.SignedAndUnsignedAttributes): Buffer {
  const der = Buffer.from(attrs.toSchema().toBER(false));
  der[0] = 0x31;
  return der;
}

/** A CMS SignedData (detached) with the signer's chain and the signature value over `attrs`. */
export function assembleCms(
  chainPem: string[],
  attrs: pkijs.SignedAndUnsignedAttributes,
  signature: Buffer,
): Buffer {
  const chain = chainPem.map(parseCertificate);
  const signer = chain[0];
  const sha256 = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
    digestAlgorithm: sha256,
    signedAttrs: attrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [sha256],
    certificates: chain,
    signerInfos: [signerInfo],
  });
  const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(info.toSchema().toBER(false));
}

export interface CmsCheck {
  /** The signature value matches the signed bytes and the signer's key. */
  signatureValid: boolean;
  /** The signer's certificate chains to one of the trusted roots and was valid at `at`. */
  trusted: boolean;
  signerPem: string | null;
  commonName: string | null;
  organization: string | null;
  problem: string | null;
}

const attributeValue = (cert: pkijs.Certificate, oid: string): string | null => {
  const tv = cert.subject.typesAndValues.find((t) => t.type === oid);
  return tv ? String((tv.value.valueBlock as { value: string }).value) : null;
};

const toPem = (cert: pkijs.Certificate): string => {
  const b64 = Buffer.from(cert.toSchema().toBER(false)).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').trim()}\n-----END CERTIFICATE-----\n`;
};

/**
 * Checks a detached CMS signature over `content`: first the signature alone, then the certificate chain to
 * the trusted roots at time `at` (the signing time). Never throws for a bad signature: says what is wrong.
 */
export async function verifyCms(
  cms: Buffer,
  content: Buffer,
  trustedRootsPem: string[],
  at: Date,
): Promise<CmsCheck> {
  const result: CmsCheck = {
    signatureValid: false,
    trusted: false,
    signerPem: null,
    commonName: null,
    organization: null,
    problem: null,
  };
  let signedData: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(toArrayBuffer(cms));
    if (info.contentType !== OID.signedData) throw new Error('not SignedData');
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch {
    result.problem = 'unreadable';
    return result;
  }
  const data = toArrayBuffer(content);
  try {
    const plain = await signedData.verify({ signer: 0, data, extendedMode: true, checkChain: false });
    result.signatureValid = plain.signatureVerified === true;
    if (plain.signerCertificate) {
      result.signerPem = toPem(plain.signerCertificate);
      result.commonName = attributeValue(plain.signerCertificate, '2.5.4.3');
      result.organization = attributeValue(plain.signerCertificate, '2.5.4.10');
    }
  } catch (err) {
    result.problem = 'signature_invalid';
    const cert = (err as { signerCertificate?: pkijs.Certificate }).signerCertificate;
    if (cert) result.commonName = attributeValue(cert, '2.5.4.3');
    return result;
  }
  if (!result.signatureValid) {
    result.problem = 'signature_invalid';
    return result;
  }
  try {
    const chained = await signedData.verify({
      signer: 0,
      data,
      extendedMode: true,
      checkChain: true,
      checkDate: at,
      trustedCerts: trustedRootsPem.map(parseCertificate),
    });
    result.trusted = chained.signatureVerified === true;
    if (!result.trusted) result.problem = 'untrusted';
  } catch (err) {
    const code = (err as { code?: number }).code;
    const message = String((err as { message?: string }).message ?? '');
    result.problem = /expired|validity|date/i.test(message)
      ? 'expired'
      : code === 5
        ? 'untrusted'
        : 'untrusted';
  }
  return result;
}
