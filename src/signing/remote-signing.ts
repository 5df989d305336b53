import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context';
import { ConflictError, RuleError } from '../http/errors';
import type { SignatureFunction } from './document-signing';

/*
 * A remote signing service, as Vietnamese CAs offer for phones (the key stays with the provider; the
 * signer confirms each request in its app). The product sends only the hash to sign:
 *   GET  {url}/certificates/{user}  → { chain: [PEM, …] }          the signer's certificate and issuers
 *   POST {url}/requests             { user, hashAlgorithm: "SHA-256", hash (base64), description } → { id }
 *   GET  {url}/requests/{id}        → { status: "pending" | "approved" | "refused" | "expired", signature? }
 * `signature` is the RSA PKCS#1 v1.5 signature (base64) of the DigestInfo of that hash.
 */

interface RemoteRequest {
  status: 'pending' | 'approved' | 'refused' | 'expired';
  signature?: string;
}

async function call<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T | null }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15000) });
    const body = res.headers.get('content-type')?.includes('json') ? ((await res.json()) as T) : null;
    return { status: res.status, body };
  } catch {
    throw new ConflictError(
      'remote_signing_unreachable',
      'Không kết nối được dịch vụ ký số từ xa. Vui lòng thử lại sau.',
    );
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The signer's chain at the provider, and a signature function that waits for their confirmation. */
export async function remoteSigner(
  ctx: AppContext,
  user: string,
  description: string,
): Promise<{ chainPem: string[]; sign: SignatureFunction }> {
  const { url, timeoutMs, pollMs } = ctx.config.signing.remote;
  if (!url) throw new ConflictError('remote_signing_unavailable', 'Chưa cấu hình dịch vụ ký số từ xa.');
  const cert = await call<{ chain?: string[] }>(`${url}/certificates/${encodeURIComponent(user)}`);
  if (cert.status !== 200 || !cert.body?.chain?.length) {
    throw new RuleError(
      'no_remote_certificate',
      'Dịch vụ ký số từ xa không có chứng thư số của người ký này.',
    );
  }
  const sign: SignatureFunction = async (toSign) => {
    const hash = createHash('sha256').update(toSign).digest('base64');
    const created = await call<{ id?: string }>(`${url}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, hashAlgorithm: 'SHA-256', hash, description }),
    });
    const id = created.body?.id;
    if (created.status >= 300 || !id) {
      throw new ConflictError('remote_signing_failed', 'Dịch vụ ký số từ xa không nhận yêu cầu ký.');
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await call<RemoteRequest>(`${url}/requests/${encodeURIComponent(id)}`);
      const status = state.body?.status;
      if (status === 'approved' && state.body?.signature) return Buffer.from(state.body.signature, 'base64');
      if (status === 'refused')
        throw new RuleError('remote_signing_refused', 'Người ký đã từ chối ký trên thiết bị.');
      if (status === 'expired' || Date.now() + pollMs > deadline) {
        throw new RuleError(
          'remote_signing_timeout',
          'Hết thời gian chờ người ký xác nhận trên thiết bị; quyết định chưa được ký. Vui lòng ký lại.',
        );
      }
      await sleep(pollMs);
    }
  };
  return { chainPem: cert.body.chain, sign };
}
