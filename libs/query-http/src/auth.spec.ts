import { FastifyInstance } from 'fastify';
import { buildLedger } from '../test/ledger-fixture';
import { buildApp } from './app';
import { bearerMatcher } from './bearer-auth';

describe('bearer token', () => {
  describe('given the server has a token', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = buildApp({ ...(await buildLedger()), token: 's3cret-token' });
    });
    afterAll(() => app.close());

    it.each([undefined, 'Bearer wrong', 'Bearer s3cret-token-and-more', 'Basic s3cret-token', 'bearer s3cret-token'])(
      'given Authorization %p, answers 401 without data or position',
      async (authorization) => {
        const response = await app.inject({ url: '/tasks', headers: authorization ? { authorization } : {} });
        expect(response.statusCode).toBe(401);
        expect(response.json()).toEqual({ error: 'Unauthorized', reason: 'a valid bearer token is required' });
        expect(response.headers['www-authenticate']).toBe('Bearer');
        expect(response.headers['x-ledger-position']).toBeUndefined();
      },
    );

    it('given the right token, answers', async () => {
      const response = await app.inject({ url: '/tasks/B-1', headers: { authorization: 'Bearer s3cret-token' } });
      expect(response.statusCode).toBe(200);
    });

    it('serves /health without a token, and nothing else', async () => {
      expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/openapi.json' })).statusCode).toBe(401);
      expect((await app.inject({ url: '/nowhere' })).statusCode).toBe(401);
    });
  });

  describe('given no token', () => {
    it('serves every route without Authorization', async () => {
      const app = buildApp(await buildLedger());
      expect((await app.inject({ url: '/status' })).statusCode).toBe(200);
      await app.close();
    });
  });

  describe('matcher', () => {
    const matches = bearerMatcher('abc');
    it('accepts only "Bearer <token>" with the exact token', () => {
      expect(matches('Bearer abc')).toBe(true);
      expect(matches('Bearer ab')).toBe(false);
      expect(matches('Bearer abcd')).toBe(false);
      expect(matches('Bearer ')).toBe(false);
      expect(matches(undefined)).toBe(false);
    });
  });
});
