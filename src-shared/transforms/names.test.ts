import { describe, expect, it } from 'vitest';
import { splitName, splitNameTransform } from './names';

type Row = [
  input: string,
  prefix: string | null,
  first: string | null,
  middle: string | null,
  last: string | null,
  suffix: string | null,
];

const awkwardNames: Row[] = [
  ['John Smith', null, 'John', null, 'Smith', null],
  ['John Quincy Adams', null, 'John', 'Quincy', 'Adams', null],
  ['John F. Kennedy', null, 'John', 'F.', 'Kennedy', null],
  ['J. R. R. Tolkien', null, 'J.', 'R. R.', 'Tolkien', null],
  ['Smith, John', null, 'John', null, 'Smith', null],
  ['Smith, John Q.', null, 'John', 'Q.', 'Smith', null],
  ['Smith,John', null, 'John', null, 'Smith', null],
  ['Smith Jr., John', null, 'John', null, 'Smith', 'Jr.'],
  ['Smith, John, Jr.', null, 'John', null, 'Smith', 'Jr.'],
  ['Smith, Jr., John', null, 'John', null, 'Smith', 'Jr.'],
  ['Smith, John Jr.', null, 'John', null, 'Smith', 'Jr.'],
  ['John Smith, Jr.', null, 'John', null, 'Smith', 'Jr.'],
  ['Martin Luther King Jr.', null, 'Martin', 'Luther', 'King', 'Jr.'],
  ['Martin Luther King, Jr.', null, 'Martin', 'Luther', 'King', 'Jr.'],
  ['Sammy Davis Jr', null, 'Sammy', null, 'Davis', 'Jr'],
  ['George Hamilton Sr.', null, 'George', null, 'Hamilton', 'Sr.'],
  ['Henry Ford II', null, 'Henry', null, 'Ford', 'II'],
  ['John Paul Jones III', null, 'John', 'Paul', 'Jones', 'III'],
  ['Pope Pius IV', null, 'Pope', null, 'Pius', 'IV'],
  ['Thurston Howell 3rd', null, 'Thurston', null, 'Howell', '3rd'],
  ['Jane Doe PhD', null, 'Jane', null, 'Doe', 'PhD'],
  ['Jane Doe, Ph.D.', null, 'Jane', null, 'Doe', 'Ph.D.'],
  ['Gregory House MD', null, 'Gregory', null, 'House', 'MD'],
  ['Saul Goodman, Esq.', null, 'Saul', null, 'Goodman', 'Esq.'],
  ['Robert Downey Jr., MD', null, 'Robert', null, 'Downey', 'Jr., MD'],
  ['Doe, Jane, Esq.', null, 'Jane', null, 'Doe', 'Esq.'],
  ['Mr. John Smith', 'Mr.', 'John', null, 'Smith', null],
  ['Mrs Jane Doe', 'Mrs', 'Jane', null, 'Doe', null],
  ['Ms. Smith', 'Ms.', null, null, 'Smith', null],
  ['Dr. Jane A. Doe, PhD', 'Dr.', 'Jane', 'A.', 'Doe', 'PhD'],
  ['Prof. Dr. Hans Müller', 'Prof. Dr.', 'Hans', null, 'Müller', null],
  ['Sir Ian McKellen', 'Sir', 'Ian', null, 'McKellen', null],
  ['Smith, Dr. John', 'Dr.', 'John', null, 'Smith', null],
  ['Dr.', null, null, null, 'Dr.', null],
  ['Cher', null, null, null, 'Cher', null],
  ['Madonna ', null, null, null, 'Madonna', null],
  ['Smith, Jr.', null, null, null, 'Smith', 'Jr.'],
  ['Ludwig van Beethoven', null, 'Ludwig', null, 'van Beethoven', null],
  ['Vincent van der Berg', null, 'Vincent', null, 'van der Berg', null],
  ['van der Berg, Jan Willem', null, 'Jan', 'Willem', 'van der Berg', null],
  ['Hans-Peter van den Broek', null, 'Hans-Peter', null, 'van den Broek', null],
  ['Maria de la Cruz', null, 'Maria', null, 'de la Cruz', null],
  ['de la Cruz, Maria', null, 'Maria', null, 'de la Cruz', null],
  ['Oscar De La Hoya', null, 'Oscar', null, 'De La Hoya', null],
  ['Otto von Bismarck', null, 'Otto', null, 'von Bismarck', null],
  ['Leonardo da Vinci', null, 'Leonardo', null, 'da Vinci', null],
  ['Marco di Stefano', null, 'Marco', null, 'di Stefano', null],
  ['Juan del Castillo', null, 'Juan', null, 'del Castillo', null],
  ['Pierre du Pont', null, 'Pierre', null, 'du Pont', null],
  ['John le Carré', null, 'John', null, 'le Carré', null],
  ['Mohammed bin Salman', null, 'Mohammed', null, 'bin Salman', null],
  ['Ahmed Al Mansouri', null, 'Ahmed', null, 'Al Mansouri', null],
  ['Abdul al-Rahman', null, 'Abdul', null, 'al-Rahman', null],
  ['João do Carmo', null, 'João', null, 'do Carmo', null],
  ['Yves St. Laurent', null, 'Yves', null, 'St. Laurent', null],
  ['José Ortega y Gasset', null, 'José', null, 'Ortega y Gasset', null],
  ['Dick Van Dyke', null, 'Dick', null, 'Van Dyke', null],
  ['Van Morrison', null, 'Van', null, 'Morrison', null],
  ['Al Gore', null, 'Al', null, 'Gore', null],
  ["Conan O'Brien", null, 'Conan', null, "O'Brien", null],
  ["O'Brien, Conan", null, 'Conan', null, "O'Brien", null],
  ['Mary Ann O’Neil', null, 'Mary', 'Ann', 'O’Neil', null],
  ['Jean-Luc Picard', null, 'Jean-Luc', null, 'Picard', null],
  ['Anne-Marie Smith-Jones', null, 'Anne-Marie', null, 'Smith-Jones', null],
  ['García Márquez, Gabriel', null, 'Gabriel', null, 'García Márquez', null],
  ['  John    Smith  ', null, 'John', null, 'Smith', null],
  ['JOHN SMITH', null, 'JOHN', null, 'SMITH', null],
  ['josé álvarez', null, 'josé', null, 'álvarez', null],
  ['José Álvarez', null, 'José', null, 'Álvarez', null],
  ['Zoë Ball', null, 'Zoë', null, 'Ball', null],
  ['Søren Aabye Kierkegaard', null, 'Søren', 'Aabye', 'Kierkegaard', null],
  ['Björk Guðmundsdóttir', null, 'Björk', null, 'Guðmundsdóttir', null],
  ['李 小龍', null, '小龍', null, '李', null],
  ['山田 太郎', null, '太郎', null, '山田', null],
  ['김 민준', null, '민준', null, '김', null],
  ['李小龍', null, null, null, '李小龍', null],
  ['', null, null, null, null, null],
  ['   ', null, null, null, null, null],
  [',', null, null, null, null, null],
];

describe('splitName', () => {
  it('has at least 40 awkward names in its table', () => {
    expect(awkwardNames.length).toBeGreaterThanOrEqual(40);
  });

  it.each(awkwardNames)('%j', (input, prefix, first, middle, last, suffix) => {
    expect(splitName(input)).toEqual({ ok: true, parts: { prefix, first, middle, last, suffix, nickname: null } });
  });

  it.each([
    ['William "Bill" Gates', 'William', 'Gates', 'Bill'],
    ["William 'Bill' Gates", 'William', 'Gates', 'Bill'],
    ['Robert (Bob) Smith', 'Robert', 'Smith', 'Bob'],
    ['Smith, Robert “Bobby Joe”', 'Robert', 'Smith', 'Bobby Joe'],
  ])('takes the nickname out of %j', (input, first, last, nickname) => {
    expect(splitName(input)).toMatchObject({ ok: true, parts: { first, middle: null, last, nickname } });
  });
});

describe('split_name', () => {
  const apply = (value: string | number | null, part: string) =>
    splitNameTransform.apply(value, splitNameTransform.params.parse({ part }));

  it.each([
    ['Dr. Jane A. Doe, PhD', 'prefix', 'Dr.'],
    ['Dr. Jane A. Doe, PhD', 'first', 'Jane'],
    ['Dr. Jane A. Doe, PhD', 'middle', 'A.'],
    ['Dr. Jane A. Doe, PhD', 'last', 'Doe'],
    ['Dr. Jane A. Doe, PhD', 'suffix', 'PhD'],
    ['Dr. Jane A. Doe, PhD', 'given', 'Jane A.'],
    ['Cher', 'given', null],
    ['Cher', 'first', null],
    ['', 'last', null],
    ['  ', 'first', null],
    [null, 'first', null],
  ])('%j, part %s → %j', (value, part, expected) => {
    expect(apply(value, part)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [12345, '12345 is not a name.'],
    ['12345', '"12345" is not a name (it has no letters).'],
    [
      'Smith, John, Acme Corporation',
      '"Smith, John, Acme Corporation" has more commas than a name written "Last, First".',
    ],
  ])('rejects %j', (value, reason) => {
    expect(apply(value, 'first')).toEqual({ ok: false, reason });
  });
});
