import { describe, expect, it } from 'vitest';
import { parseTurnUrl, turnIceServer } from './turn-url.ts';

describe('parseTurnUrl', () => {
  it('reads user, password, address, port and transport, with the defaults Kurento uses', () => {
    expect(parseTurnUrl('alice:secret@192.0.2.7:3479')).toEqual({ username: 'alice', password: 'secret', host: '192.0.2.7', port: 3479, transport: 'udp' });
    expect(parseTurnUrl('alice:secret@192.0.2.7')).toMatchObject({ port: 3478, transport: 'udp' });
    expect(parseTurnUrl('alice:secret@turn.example.org:443?transport=tls')).toMatchObject({ host: 'turn.example.org', port: 443, transport: 'tls' });
    expect(parseTurnUrl('alice:secret@[2001:db8::1]:5000?transport=tcp')).toMatchObject({ host: '2001:db8::1', port: 5000, transport: 'tcp' });
    expect(parseTurnUrl('alice:secret@[::1]')).toMatchObject({ host: '::1', port: 3478 });
  });

  it("keeps ':' and '@' in the password: the first ':' ends the user, the last '@' the password", () => {
    expect(parseTurnUrl('alice:p:a@ss@w:rd@127.0.0.1:3478')).toMatchObject({ username: 'alice', password: 'p:a@ss@w:rd', host: '127.0.0.1' });
  });

  it.each([
    ['alice:secret', "has no '@' between the credentials and the address"],
    ['alice@127.0.0.1', "has no ':' between the user name and the password"],
    [':secret@127.0.0.1', 'has an empty user name'],
    ['alice:@127.0.0.1', 'has an empty password'],
    ['alice:secret@', "has no address after the last '@'"],
    ['alice:secret@:3478', 'has no address before the port'],
    ['alice:secret@127.0.0.1:0', "has port '0', not a number from 1 to 65535"],
    ['alice:secret@127.0.0.1:70000', "has port '70000', not a number from 1 to 65535"],
    ['alice:secret@127.0.0.1:abc', "has port 'abc', not a number from 1 to 65535"],
    ['alice:secret@127.0.0.1?transport=sctp', "has transport 'sctp', not udp, tcp or tls"],
    ['alice:secret@127.0.0.1?proto=udp', "has '?proto=udp' where only '?transport=udp|tcp|tls' may follow the address"],
    ['alice:secret@300.1.1.1', "has '300.1.1.1', which is not an IPv4 address"],
    ['alice:secret@bad_host!', "has 'bad_host!', which is neither an IP address nor a host name"],
    ['alice:secret@2001:db8::1:3478', 'an IPv6 address is written in brackets'],
    ['alice:secret@[2001:db8::1', "an IPv6 address without its closing ']'"],
    ['alice:secret@[2001:db8::zz]:3478', "has '[2001:db8::zz]', which is not an IPv6 address"],
    ['turn:alice:secret@127.0.0.1', "starts with a URI scheme ('turn:')"],
  ])('refuses %s, naming what is wrong', (url, problem) => {
    expect(() => parseTurnUrl(url)).toThrow(problem);
    expect(() => parseTurnUrl(url)).toThrow(`turnUrl '${url}'`);
  });
});

describe('turnIceServer', () => {
  it("writes the URL werift reads: 'turn:' with the transport, 'turns:' for TLS, IPv6 in brackets", () => {
    expect(turnIceServer(parseTurnUrl('alice:se:cret@127.0.0.1:3479'))).toEqual({ urls: 'turn:127.0.0.1:3479?transport=udp', username: 'alice', credential: 'se:cret' });
    expect(turnIceServer(parseTurnUrl('alice:secret@[::1]?transport=tcp')).urls).toBe('turn:[::1]:3478?transport=tcp');
    expect(turnIceServer(parseTurnUrl('alice:secret@turn.example.org:443?transport=tls')).urls).toBe('turns:turn.example.org:443?transport=tcp');
  });
});
