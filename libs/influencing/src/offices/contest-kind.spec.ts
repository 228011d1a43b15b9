import { describe, expect, it } from '@jest/globals';
import { GovernanceType } from '@app/geography';
import { ElectionKind } from '../influencing.enums';
import { contestKindOn } from './contest-kind';

describe('contestKindOn', () => {
  const cumbria = [
    { type: GovernanceType.PCC, since: '2012-11-22', until: '2023-04-01' },
    { type: GovernanceType.PFCC, since: '2023-04-01', until: null },
  ];

  it('elects a PFCC in a PCC round where a PFCC governs', () => {
    expect(contestKindOn(ElectionKind.PCC, cumbria, '2021-05-13')).toBe(ElectionKind.PCC);
    expect(contestKindOn(ElectionKind.PCC, cumbria, '2024-05-09')).toBe(ElectionKind.PFCC);
  });

  it('elects nobody where a mayor holds the functions, or a PFCC round where a PCC governs', () => {
    const mayor = [{ type: GovernanceType.MAYOR_PCC_FUNCTIONS, since: '2012-01-16', until: null }];
    expect(contestKindOn(ElectionKind.PCC, mayor, '2024-05-09')).toBeNull();
    expect(contestKindOn(ElectionKind.PFCC, cumbria, '2021-05-13')).toBeNull();
  });

  it('elects a mayor only where a mayor holds (or takes on) the functions', () => {
    const westYorkshire = [
      { type: GovernanceType.PCC, since: '2012-11-22', until: '2021-05-10' },
      { type: GovernanceType.MAYOR_PCC_FUNCTIONS, since: '2021-05-10', until: null },
    ];
    expect(contestKindOn(ElectionKind.MAYORAL, westYorkshire, '2021-05-13')).toBe(ElectionKind.MAYORAL);
    expect(contestKindOn(ElectionKind.MAYORAL, westYorkshire, '2016-05-12')).toBeNull();
    expect(contestKindOn(ElectionKind.MAYORAL, cumbria, '2024-05-09')).toBeNull();
  });
});
