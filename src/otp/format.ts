/**
 * How a code is grouped for people, on screen and in speech alike: groups of three ("452 917"), with a
 * lone last digit joining the group before it (7 digits: "123 4567") so no group is a single digit.
 * One rule for both faces, so what the reader says matches what the display shows.
 */
export function groupCode(code: string): string[] {
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += 3) groups.push(code.slice(i, i + 3));
  const last = groups[groups.length - 1];
  if (groups.length > 1 && last !== undefined && last.length === 1) {
    groups.pop();
    groups[groups.length - 1] += last;
  }
  return groups;
}
