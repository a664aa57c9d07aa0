import { addressGroup, isLoopbackAddress } from './client-address';

describe('client addresses', () => {
  it('knows loopback in every spelling, and nothing else', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['192.0.2.2', '::', 'fd00::2', '::ffff:192.0.2.2', '128.0.0.1', '', undefined])
      expect(isLoopbackAddress(a)).toBe(false);
  });

  it('counts an IPv6 /64 as one client, whatever the spelling', () => {
    const one = addressGroup('2001:db8:1:2::1');
    expect(addressGroup('2001:DB8:1:2:ffff:eeee:dddd:cccc')).toBe(one);
    expect(addressGroup('2001:0db8:0001:0002:0:0:0:9')).toBe(one);
    expect(addressGroup('2001:db8:1:3::1')).not.toBe(one);
    expect(one).toBe('2001:0db8:0001:0002::/64');
  });

  it('keeps IPv4 addresses apart and unwraps IPv4-mapped IPv6', () => {
    expect(addressGroup('203.0.113.7')).toBe('203.0.113.7');
    expect(addressGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressGroup('203.0.113.8')).not.toBe(addressGroup('203.0.113.7'));
  });
});
