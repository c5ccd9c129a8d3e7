import fc from 'fast-check';
import { parseCsv } from './testing/csv-parse';
import { csvField, toCsv } from './csv';

describe('RFC 4180 CSV', () => {
  it('quotes fields with commas, quotes or line breaks and doubles the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
  });

  it('ends every record with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });

  it('round-trips any text through a parser', () => {
    const rows = fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 2, maxLength: 2 }), { maxLength: 10 });
    fc.assert(fc.property(rows, (data) => expect(parseCsv(toCsv(['x', 'y'], data))).toEqual([['x', 'y'], ...data])));
  });
});
