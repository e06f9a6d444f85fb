import { describe, expect, it } from 'vitest';
import {
  applyLifecyclePolicy,
  evaluateLifecyclePolicy,
  putLifecyclePolicy,
  createEcrState,
  createRepository,
  validateLifecyclePolicy,
  type EcrImage,
  type LifecyclePolicy,
} from '../../../src/sim/ecr/index.ts';

const DAY = 86_400_000;
const img = (id: string, tags: string[], pushedDay: number): EcrImage => ({
  imageDigest: `sha256:${id.padStart(64, '0')}`,
  imageTags: tags,
  imageSizeInBytes: 1,
  layers: [],
  manifestSizeBytes: 1,
  imagePushedAt: pushedDay * DAY,
});
const digests = (xs: readonly { imageDigest: string }[]) =>
  xs.map((x) => x.imageDigest.replace(/^sha256:0+/, ''));

// Pushed on days 1..6: three prod releases, two untagged leftovers, one dev build.
const IMAGES = [
  img('1', ['prod-1'], 1),
  img('2', [], 2),
  img('3', ['prod-2'], 3),
  img('4', ['dev-7'], 4),
  img('5', [], 5),
  img('6', ['prod-3'], 6),
];

const POLICY: LifecyclePolicy = {
  rules: [
    {
      rulePriority: 1,
      description: 'keep the 2 newest prod images',
      selection: {
        tagStatus: 'tagged',
        tagPrefixList: ['prod'],
        countType: 'imageCountMoreThan',
        countNumber: 2,
      },
      action: { type: 'expire' },
    },
    {
      rulePriority: 2,
      description: 'untagged images expire after 3 days',
      selection: {
        tagStatus: 'untagged',
        countType: 'sinceImagePushed',
        countUnit: 'days',
        countNumber: 3,
      },
      action: { type: 'expire' },
    },
    {
      rulePriority: 10,
      description: 'keep at most 3 of anything else',
      selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 },
      action: { type: 'expire' },
    },
  ],
};

describe('evaluateLifecyclePolicy', () => {
  it('applies rules by priority; each image is claimed by the first rule that selects it', () => {
    const expired = evaluateLifecyclePolicy(POLICY, IMAGES, 7 * DAY);
    // Rule 1 claims prod-3, prod-2, prod-1 (newest first) and expires beyond 2 → image 1.
    // Rule 2 claims images 5 and 2; only image 2 (5 days old > 3) expires.
    // Rule 10 sees only image 4 (everything else is claimed): 1 image, count 1 → nothing expires.
    expect(digests(expired)).toEqual(['1', '2']);
    expect(expired.map((e) => e.appliedRulePriority)).toEqual([1, 2]);
  });
  it('tagPrefixList requires every prefix to match some tag', () => {
    const both: LifecyclePolicy = {
      rules: [
        {
          rulePriority: 1,
          selection: {
            tagStatus: 'tagged',
            tagPrefixList: ['prod', 'v'],
            countType: 'imageCountMoreThan',
            countNumber: 1,
          },
          action: { type: 'expire' },
        },
      ],
    };
    const images = [
      img('a', ['prod', 'v1'], 1),
      img('b', ['prod', 'v2'], 2),
      img('c', ['prod'], 3),
    ];
    expect(digests(evaluateLifecyclePolicy(both, images, 4 * DAY))).toEqual(['a']);
  });
});

describe('validateLifecyclePolicy', () => {
  const rule = POLICY.rules[0]!;
  it('accepts the example policy', () => {
    expect(validateLifecyclePolicy(POLICY)).toBeUndefined();
  });
  it.each([
    ['duplicate priority', { rules: [rule, rule] }, 'rulePriority 1 is not unique'],
    [
      'tagged without prefixes',
      { rules: [{ ...rule, selection: { ...rule.selection, tagPrefixList: [] } }] },
      'tagPrefixList is required',
    ],
    [
      'any not last',
      {
        rules: [
          { ...POLICY.rules[2]!, rulePriority: 1 },
          { ...rule, rulePriority: 2 },
        ],
      },
      'must have the highest rulePriority',
    ],
    [
      'sinceImagePushed without days',
      {
        rules: [
          { ...rule, selection: { ...rule.selection, countType: 'sinceImagePushed' as const } },
        ],
      },
      'countUnit "days" is required',
    ],
  ])('rejects %s', (_name, policy, text) => {
    const e = validateLifecyclePolicy(policy);
    expect(e?.code).toBe('InvalidParameterException');
    expect(e?.message).toContain(text);
  });
});

describe('applyLifecyclePolicy', () => {
  it('deletes what the policy expires and keeps the rest', () => {
    const created = createRepository(
      createEcrState('123456789012', 'us-east-1'),
      { repositoryName: 'web' },
      0,
    );
    if (!created.ok) throw new Error('create failed');
    const images = Object.fromEntries(IMAGES.map((i) => [i.imageDigest, i]));
    const state = {
      ...created.state,
      repositories: { web: { ...created.state.repositories['web']!, images } },
    };
    const none = applyLifecyclePolicy(state, 'web', 7 * DAY);
    expect(none.ok ? '' : none.error.code).toBe('LifecyclePolicyNotFoundException');
    const withPolicy = putLifecyclePolicy(state, 'web', POLICY);
    if (!withPolicy.ok) throw new Error('put failed');
    const applied = applyLifecyclePolicy(withPolicy.state, 'web', 7 * DAY);
    if (!applied.ok) throw new Error('apply failed');
    expect(digests(Object.values(applied.state.repositories['web']!.images))).toEqual([
      '3',
      '4',
      '5',
      '6',
    ]);
  });
});
