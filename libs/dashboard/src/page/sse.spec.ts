import { parseSse } from './sse';

describe('server-sent events on the page', () => {
  it('reads complete events and keeps the unfinished rest for the next chunk', () => {
    const first = parseSse('retry: 1000\n\n: keep-alive\n\nid: 16\nevent: position\ndata: {"position":"16"}\n\nid: 1');
    expect(first.events).toEqual([
      { data: '', retry: 1000 },
      { id: '16', event: 'position', data: '{"position":"16"}' },
    ]);
    expect(parseSse(`${first.rest}7\nevent: position\ndata: x\n\n`).events).toEqual([
      { id: '17', event: 'position', data: 'x' },
    ]);
  });

  it('joins multi-line data and accepts CRLF line ends', () => {
    expect(parseSse('data: a\r\ndata: b\r\n\r\n').events).toEqual([{ data: 'a\nb' }]);
  });
});
