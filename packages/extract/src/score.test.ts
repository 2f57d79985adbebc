import { describe, expect, it } from 'vitest';
import { formatScore, scoreReports, type FileResult, type LabelSet } from './score.ts';

const fact = (indicator: string, value: number | null) => ({
  indicator,
  status: value === null ? ('undisclosed' as const) : ('value' as const),
  value,
  text: '',
  start: 0,
  end: 0,
  confidence: 0.9,
});

const labels: LabelSet = {
  reports: [
    {
      file: 'a.txt',
      level: 'county',
      period: '2022H1',
      facts: { members_congress: 5, party_lecture: 2 },
      undisclosed: ['member_count'],
      ignore: ['new_members'],
    },
    { file: 'b.txt', period: null, facts: {}, undisclosed: [], ignore: [] },
  ],
};

describe('scoreReports', () => {
  it('counts right, wrong, missed, extra and ignored facts', () => {
    const results: FileResult[] = [
      {
        file: '/some/dir/a.txt',
        period: '2022H1',
        level: 'county',
        unitName: null,
        // right: members_congress, member_count (undisclosed); wrong: party_lecture; ignored: new_members; extra: seminar.
        facts: [
          fact('members_congress', 5),
          fact('party_lecture', 3),
          fact('member_count', null),
          fact('new_members', 1),
          fact('seminar', 2),
        ],
      },
      { file: 'b.txt', period: '2022', level: null, unitName: null, facts: [] },
    ];
    const score = scoreReports(labels, results);
    const [a, b] = score.files;
    // tp 2; fp = wrong party_lecture + extra seminar = 2; fn = party_lecture = 1.
    expect(a).toMatchObject({ truePositives: 2, falsePositives: 2, falseNegatives: 1, precision: 0.5, recall: 2 / 3 });
    expect(a!.f1).toBeCloseTo(4 / 7, 10);
    expect(a!.problems).toEqual(['wrong party_lecture: got 3, want 2', 'extra seminar: got 2']);
    expect(b).toMatchObject({
      precision: 1,
      recall: 1,
      f1: 1,
      period: { expected: null, actual: '2022', correct: false },
    });
    expect(score.overall).toMatchObject({
      truePositives: 2,
      falsePositives: 2,
      falseNegatives: 1,
      periodAccuracy: 0.5,
      levelAccuracy: 1,
      reports: 2,
    });
  });

  it('treats a number where a masked figure was written as wrong', () => {
    const score = scoreReports(labels, [
      {
        file: 'a.txt',
        period: '2022H1',
        level: 'county',
        unitName: null,
        facts: [fact('members_congress', 5), fact('party_lecture', 2), fact('member_count', 0)],
      },
    ]);
    expect(score.files[0]).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1 });
    expect(score.files[1]!.problems).toEqual(['no result for this file']);
  });

  it('formats a readable table', () => {
    const text = formatScore(scoreReports(labels, []));
    expect(text).toContain('a.txt');
    expect(text).toContain('missed members_congress: got nothing, want 5');
    expect(text).toContain('overall (2 reports, tp 0 fp 0 fn 3)');
  });
});
