import { formatMinutes, parseObjectiveMinutes } from './duration';

describe('parseObjectiveMinutes', () => {
  it.each([
    ['15m', 15],
    ['15min', 15],
    ['4h', 240],
    ['1.5h', 90],
    ['1d', 1440],
    ['PT15M', 15],
    ['PT4H', 240],
    ['P1DT2H', 1560],
  ])('reads %s as %d minutes', (text, minutes) => {
    expect(parseObjectiveMinutes(text)).toBe(minutes);
  });

  it.each(['', '4', 'four hours', '0h', 'PT', 'P', '-1h', 'PT0M'])(
    'refuses %j',
    text => {
      expect(parseObjectiveMinutes(text)).toBeUndefined();
    },
  );
});

describe('formatMinutes', () => {
  it.each([
    [5, '5m'],
    [240, '4h'],
    [1560, '1d 2h'],
    [0, '0m'],
  ])('writes %d minutes as %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
