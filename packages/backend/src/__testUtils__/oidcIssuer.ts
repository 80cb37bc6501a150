import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/**
 * A small OpenID Connect identity provider for the production sign-in tests:
 * discovery, JWKS, an authorization endpoint that signs in whoever the test
 * names (no login form), the code and refresh-token grants with client
 * secret basic authentication, and userinfo. ID tokens are RS256 JWTs signed
 * with a key made for the run, so the backend verifies them as it would a
 * real provider's.
 */
export interface OidcTestIssuer {
  url: string;
  metadataUrl: string;
  clientId: string;
  clientSecret: string;
  /** The email of the person the next authorization signs in. */
  signInAs(email: string, name: string): void;
  /** Grants served, by type: shows the backend really went to the provider. */
  grants: Record<string, number>;
  close(): Promise<void>;
}

interface Person {
  email: string;
  name: string;
}

function body(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((ok, fail) => {
    let text = '';
    req.on('data', d => (text += d));
    req.on('end', () => ok(new URLSearchParams(text)));
    req.on('error', fail);
  });
}

export async function startOidcTestIssuer(): Promise<OidcTestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const clientId = 'developer-portal';
  const clientSecret = randomBytes(16).toString('hex');
  let person: Person = { email: 'nobody@example.com', name: 'Nobody' };
  const codes = new Map<string, { person: Person; nonce?: string }>();
  const tokens = new Map<string, Person>();
  const grants: Record<string, number> = {};
  let url = '';

  const idToken = (who: Person, nonce?: string) =>
    new SignJWT({ email: who.email, email_verified: true, name: who.name, ...(nonce ? { nonce } : {}) })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(url)
      .setAudience(clientId)
      .setSubject(who.email)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);

  const issue = async (who: Person, nonce?: string) => {
    const accessToken = randomBytes(16).toString('hex');
    const refreshToken = randomBytes(16).toString('hex');
    tokens.set(accessToken, who);
    tokens.set(`refresh:${refreshToken}`, who);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 600,
      refresh_token: refreshToken,
      scope: 'openid profile email',
      id_token: await idToken(who, nonce),
    };
  };

  const server: Server = createServer(async (req, res) => {
    const at = new URL(req.url ?? '/', url);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    try {
      if (at.pathname === '/.well-known/openid-configuration') {
        json(200, {
          issuer: url,
          authorization_endpoint: `${url}/authorize`,
          token_endpoint: `${url}/token`,
          userinfo_endpoint: `${url}/userinfo`,
          jwks_uri: `${url}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        });
      } else if (at.pathname === '/jwks') {
        json(200, { keys: [jwk] });
      } else if (at.pathname === '/authorize') {
        const redirect = new URL(at.searchParams.get('redirect_uri') ?? '');
        if (at.searchParams.get('client_id') !== clientId) {
          json(400, { error: 'unauthorized_client' });
          return;
        }
        const code = randomBytes(12).toString('hex');
        codes.set(code, { person, nonce: at.searchParams.get('nonce') ?? undefined });
        redirect.searchParams.set('code', code);
        redirect.searchParams.set('state', at.searchParams.get('state') ?? '');
        res.writeHead(302, { Location: redirect.toString() });
        res.end();
      } else if (at.pathname === '/token' && req.method === 'POST') {
        const expected = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
        const form = await body(req);
        // openid-client sends the credentials form-urlencoded inside Basic.
        const sent = req.headers.authorization ?? '';
        const decoded = Buffer.from(sent.replace(/^Basic /, ''), 'base64').toString();
        const [id, secret] = decoded.split(':').map(decodeURIComponent);
        if (sent !== expected && !(id === clientId && secret === clientSecret)) {
          json(401, { error: 'invalid_client' });
          return;
        }
        const grant = form.get('grant_type') ?? '';
        grants[grant] = (grants[grant] ?? 0) + 1;
        if (grant === 'authorization_code') {
          const found = codes.get(form.get('code') ?? '');
          codes.delete(form.get('code') ?? '');
          if (!found) json(400, { error: 'invalid_grant' });
          else json(200, await issue(found.person, found.nonce));
        } else if (grant === 'refresh_token') {
          const who = tokens.get(`refresh:${form.get('refresh_token')}`);
          if (!who) json(400, { error: 'invalid_grant' });
          else json(200, await issue(who));
        } else {
          json(400, { error: 'unsupported_grant_type' });
        }
      } else if (at.pathname === '/userinfo') {
        const who = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /, ''));
        if (!who) json(401, { error: 'invalid_token' });
        else json(200, { sub: who.email, email: who.email, email_verified: true, name: who.name });
      } else {
        json(404, { error: 'not_found' });
      }
    } catch (error) {
      json(500, { error: String(error) });
    }
  });
  await new Promise<void>(ok => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    metadataUrl: `${url}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    signInAs(email, name) {
      person = { email, name };
    },
    grants,
    close: () => new Promise(ok => server.close(() => ok())),
  };
}

/** Cookies a browser would keep across the sign-in's redirects. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Signs in through the backend's `oidc` provider the way the app's popup
 * does: start, the provider's redirect, the backend's handler, then the
 * refresh call that hands the app its Backstage token.
 */
export async function signInThroughOidc(backendUrl: string, appOrigin: string): Promise<{
  token: string;
  identity: { userEntityRef: string; ownershipEntityRefs: string[] };
}> {
  const jar = new CookieJar();
  const step = async (target: string, init: RequestInit = {}) => {
    const res = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: jar.header(), Origin: appOrigin },
    });
    jar.take(res);
    return res;
  };
  const start = await step(`${backendUrl}/api/auth/oidc/start?env=production&scope=openid%20profile%20email`);
  if (start.status !== 302) throw new Error(`start answered ${start.status}: ${await start.text()}`);
  const authorize = await step(start.headers.get('location')!);
  if (authorize.status !== 302) throw new Error(`the provider answered ${authorize.status}: ${await authorize.text()}`);
  const handler = await step(authorize.headers.get('location')!);
  const page = await handler.text();
  // The handler's page posts its answer to the app: read it as the app would.
  const posted = page.match(/var authResponse = decodeURIComponent\('([^']*)'\)/);
  const answer = posted ? JSON.parse(decodeURIComponent(posted[1])) : undefined;
  if (handler.status !== 200 || !answer || answer.error) {
    throw new Error(
      `the backend's handler answered ${handler.status}: ${answer?.error?.message ?? page.slice(0, 2000)}`,
    );
  }
  const refresh = await step(`${backendUrl}/api/auth/oidc/refresh?env=production&optional`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (refresh.status !== 200) throw new Error(`refresh answered ${refresh.status}: ${await refresh.text()}`);
  const { backstageIdentity } = await refresh.json();
  return { token: backstageIdentity.token, identity: backstageIdentity.identity };
}
