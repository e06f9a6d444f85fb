import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../src/formats/image-uri.ts';

const component = fc.stringMatching(/^[a-z0-9]{1,6}([._-][a-z0-9]{1,4})?$/);
const host = fc.constantFrom(
  '',
  'docker.io/',
  'public.ecr.aws/',
  '123456789012.dkr.ecr.eu-west-1.amazonaws.com/',
  'localhost:5000/',
);
const tag = fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,8}$/), { nil: undefined });
const digest = fc.option(
  fc.stringMatching(/^[a-f0-9]{64}$/).map((h) => `sha256:${h}`),
  { nil: undefined },
);

describe('parseImageReference (seeded property test)', () => {
  it('accepts generated valid references and its canonical form is a fixed point', () => {
    fc.assert(
      fc.property(
        host,
        fc.array(component, { minLength: 1, maxLength: 3 }),
        tag,
        digest,
        (h, path, t, d) => {
          const input = `${h}${path.join('/')}${t ? `:${t}` : ''}${d ? `@${d}` : ''}`;
          const first = parseImageReference(input);
          if (!first.ok)
            return input.length > 255 || (h.includes('.dkr.ecr.') && path.join('/').length < 2);
          const again = parseImageReference(first.ref.canonical);
          expect(again).toEqual(first);
          expect(first.ref.tag ?? first.ref.digest).toBeDefined();
          return true;
        },
      ),
      { seed: 20261126, numRuns: 300 },
    );
  });
});
