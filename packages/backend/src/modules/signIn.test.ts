/*
 * The sign-in check over every configuration the README names, read from
 * the files themselves as the backend reads them (environment
 * substitution included): the local guest and demo sign-in never runs where
 * someone else could reach it, and a production backend always has a real
 * provider.
 */
import { ConfigSources, FileConfigSource, StaticConfigSource } from '@backstage/config-loader';
import type { JsonObject } from '@backstage/types';
import { resolve } from 'node:path';
import { checkSignInConfig } from './signIn';

const root = resolve(__dirname, '../../../..');

async function load(files: string[], env: Record<string, string> = {}, overrides: JsonObject = {}) {
  const substitutionFunc = async (name: string) => env[name];
  const sources = files.map(f => FileConfigSource.create({ path: resolve(root, f), watch: false, substitutionFunc }));
  const config = await ConfigSources.toConfig(
    ConfigSources.merge([...sources, StaticConfigSource.create({ data: overrides })]),
  );
  config.close();
  return config;
}

const oidc = {
  AUTH_OIDC_METADATA_URL: 'https://idp.example.com/.well-known/openid-configuration',
  AUTH_OIDC_CLIENT_ID: 'portal',
  AUTH_OIDC_CLIENT_SECRET: 'secret',
};

const QUICK_START = ['app-config.yaml'];
const EMULATOR = ['app-config.yaml', 'app-config.emulator.yaml'];
const PRODUCTION = ['app-config.yaml', 'app-config.production.yaml'];

function asNodeEnv<T>(value: string, fn: () => T): T {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = value;
  try {
    return fn();
  } finally {
    process.env.NODE_ENV = before;
  }
}

describe('checkSignInConfig', () => {
  it.each([
    ['the quick start', QUICK_START],
    ['the emulator', EMULATOR],
  ])('lets %s run on a developer machine only', async (_name, files) => {
    const config = await load(files);
    expect(() => asNodeEnv('development', () => checkSignInConfig(config))).not.toThrow();
    expect(() => asNodeEnv('production', () => checkSignInConfig(config))).toThrow(
      'Refusing to start: the guest and demo sign-in providers are enabled (auth.providers.guest, auth.providers.demo) while NODE_ENV is production; they let anyone who reaches the portal in without a password.',
    );
    const exposed = await load(files, {}, { backend: { baseUrl: 'http://portal.internal:7007' } });
    expect(() => asNodeEnv('development', () => checkSignInConfig(exposed))).toThrow(
      'while backend.baseUrl is http://portal.internal:7007, not localhost;',
    );
    const everywhere = await load(files, {}, { backend: { listen: ':7007' } });
    expect(() => asNodeEnv('development', () => checkSignInConfig(everywhere))).toThrow(
      'while the backend listens on every network interface (backend.listen), not only on 127.0.0.1;',
    );
    const lan = await load(files, {}, { backend: { listen: { port: 7007, host: '0.0.0.0' } } });
    expect(() => asNodeEnv('development', () => checkSignInConfig(lan))).toThrow(
      'while the backend listens on 0.0.0.0 (backend.listen)',
    );
  });

  it('binds the quick start to this machine', async () => {
    const config = await load(QUICK_START);
    expect(config.getString('backend.listen.host')).toBe('127.0.0.1');
  });

  it('removes the guest and demo users from production and enables OIDC from the environment', async () => {
    const config = await load(PRODUCTION, oidc);
    expect(config.has('auth.providers.guest')).toBe(false);
    expect(config.has('auth.providers.demo')).toBe(false);
    expect(config.getString('auth.environment')).toBe('production');
    expect(config.getString('auth.providers.oidc.production.metadataUrl')).toBe(oidc.AUTH_OIDC_METADATA_URL);
    expect(config.getString('backend.cache.store')).toBe('redis');
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(() => asNodeEnv('production', () => checkSignInConfig(config))).not.toThrow();
    const exposed = await load(PRODUCTION, oidc, { backend: { baseUrl: 'https://portal.example.com' } });
    expect(() => asNodeEnv('production', () => checkSignInConfig(exposed))).not.toThrow();
  });

  it('enables the ALB provider from the environment alone', async () => {
    const config = await load(PRODUCTION, { AUTH_ALB_ISSUER: 'https://idp.example.com', AUTH_ALB_REGION: 'us-east-1' });
    expect(config.has('auth.providers.oidc.production.metadataUrl')).toBe(false);
    expect(config.getString('auth.providers.awsalb.region')).toBe('us-east-1');
    expect(() => asNodeEnv('production', () => checkSignInConfig(config))).not.toThrow();
  });

  it('refuses a production backend that nobody could sign in to', async () => {
    const config = await load(PRODUCTION);
    expect(() => asNodeEnv('production', () => checkSignInConfig(config))).toThrow(
      'Refusing to start: NODE_ENV is production and no sign-in provider is configured, so nobody could sign in.',
    );
  });

  it('refuses the guest added back to production', async () => {
    const config = await load(PRODUCTION, oidc, { auth: { providers: { guest: {} } } });
    expect(() => asNodeEnv('production', () => checkSignInConfig(config))).toThrow(
      'Refusing to start: the guest sign-in provider is enabled (auth.providers.guest) while NODE_ENV is production;',
    );
  });
});
