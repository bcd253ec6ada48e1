import { describe, expectTypeOf, it } from 'vitest';
import type { FollowUpPolicy } from '../plays/follow-up/policy';
import type { ThankYouTrigger } from '../plays/thank-you/policy';
import type { Result } from '../model/result';
import { parsePlaybook } from './parse';
import { defaultPlaybook, type Playbook, type PlayPolicy } from './playbook';
import type { PlayId } from './definition';

describe('Playbook types', () => {
  it('types each play slice precisely', () => {
    expectTypeOf<Playbook['plays']['follow-up']['targetDays']>().toEqualTypeOf<number>();
    expectTypeOf<Playbook['plays']['follow-up']>().toEqualTypeOf<FollowUpPolicy>();
    expectTypeOf<PlayPolicy<'follow-up'>>().toEqualTypeOf<FollowUpPolicy>();
    expectTypeOf<Playbook['plays']['thank-you']['medium']>().toEqualTypeOf<
      'handwritten-card' | 'printed-card' | 'letter' | 'email'
    >();
    expectTypeOf<Playbook['plays']['follow-up']['countingChannels']>().toEqualTypeOf<
      'all' | readonly ('in-person' | 'video' | 'phone' | 'email' | 'letter' | 'fax' | 'portal')[]
    >();
    expectTypeOf<Playbook['version']>().toEqualTypeOf<2>();
    expectTypeOf<Playbook['plays']['educate']['staleMessageCredit']>().toEqualTypeOf<number>();
    expectTypeOf<Playbook['planning']['lifecycles']>().toEqualTypeOf<
      readonly ('prospect' | 'active' | 'dormant' | 'closed')[]
    >();
    expectTypeOf<Playbook['sources']>().toEqualTypeOf<{ readonly windowDays: number; readonly trendDays: number }>();
    expectTypeOf<PlayId>().toEqualTypeOf<
      | 'ask'
      | 'face-to-face'
      | 'educate'
      | 'strong-referrals'
      | 'office-staff'
      | 'follow-up'
      | 'stock-cards'
      | 'be-a-resource'
      | 'thank-you'
    >();
  });

  it('narrows thank-you triggers on kind', () => {
    const trigger = {} as ThankYouTrigger;
    if (trigger.kind === 'milestones') expectTypeOf(trigger.milestones).toEqualTypeOf<readonly number[]>();
    // @ts-expect-error -- only the milestones trigger has milestones
    void trigger.milestones;
  });

  it('has no extends once resolved', () => {
    // @ts-expect-error -- extends is resolved away by parsePlaybook
    void defaultPlaybook.extends;
    expectTypeOf(parsePlaybook).returns.toEqualTypeOf<Result<Playbook>>();
  });

  it('makes defaultPlaybook read-only at every depth', () => {
    // @ts-expect-error -- read-only
    defaultPlaybook.version = 2;
    // @ts-expect-error -- read-only
    defaultPlaybook.plays['follow-up'].targetDays = 60;
    // @ts-expect-error -- read-only
    defaultPlaybook.plays['face-to-face'].channelWeights.video = 0.9;
    // @ts-expect-error -- read-only array
    defaultPlaybook.planning.lifecycles.push('dormant');
    // @ts-expect-error -- read-only
    defaultPlaybook.sources.trendDays = 30;
    // @ts-expect-error -- read-only
    defaultPlaybook.plays['thank-you'].scoreWeight = 0;
    // @ts-expect-error -- read-only record
    defaultPlaybook.compliance.actionCostEstimates['lunch'] = 100;
    // @ts-expect-error -- educate's lifecycles moved to planning
    void defaultPlaybook.plays.educate.lifecycles;
    // @ts-expect-error -- not a play
    void defaultPlaybook.plays['folow-up'];
    expectTypeOf(defaultPlaybook).toEqualTypeOf<Playbook>();
  });
});
