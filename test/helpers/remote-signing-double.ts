import { constants, privateEncrypt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { KeyAndChain } from '../../src/signing/pki';

/** SHA-256's DigestInfo prefix (RFC 8017 §9.2): what an RSA PKCS#1 v1.5 signature wraps the hash in. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export type Behaviour = 'approve' | 'refuse' | 'never';

/**
 * A stand-in for a CA's remote signing service, on a local port: holds each user's key, takes a hash,
 * and answers "pending" until the user "confirms" (after two polls), refuses, or never answers.
 */
export async function startRemoteSigningDouble(keys: Record<string, KeyAndChain>) {
  const state = { behaviour: 'approve' as Behaviour, requests: [] as { user: string; hash: string }[] };
  const pending = new Map<string, { user: string; hash: Buffer; polls: number }>();
  const app = express();
  app.use(express.json());
  app.get('/certificates/:user', (req, res) => {
    const key = keys[req.params.user];
    if (!key) return void res.status(404).json({ error: 'unknown user' });
    res.json({ chain: key.chainPem });
  });
  app.post('/requests', (req, res) => {
    const { user, hash, hashAlgorithm } = req.body as { user: string; hash: string; hashAlgorithm: string };
    if (!keys[user] || hashAlgorithm !== 'SHA-256')
      return void res.status(400).json({ error: 'bad request' });
    const id = `r${pending.size + 1}`;
    pending.set(id, { user, hash: Buffer.from(hash, 'base64'), polls: 0 });
    state.requests.push({ user, hash });
    res.status(201).json({ id });
  });
  app.get('/requests/:id', (req, res) => {
    const r = pending.get(req.params.id);
    if (!r) return void res.status(404).json({ error: 'unknown request' });
    r.polls += 1;
    if (state.behaviour === 'refuse') return void res.json({ status: 'refused' });
    if (state.behaviour === 'never' || r.polls < 2) return void res.json({ status: 'pending' });
    const signature = privateEncrypt(
      { key: keys[r.user].keyPem, padding: constants.RSA_PKCS1_PADDING },
      Buffer.concat([SHA256_DIGEST_INFO, r.hash]),
    );
    res.json({ status: 'approved', signature: signature.toString('base64') });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
