/// <reference types="jest" />
import { escapeHtml, renderSafeMarkdown } from './markdown';

const REL = 'rel="nofollow ugc noopener" target="_blank"';

describe('renderSafeMarkdown', () => {
  it('wraps plain text in a paragraph and keeps Persian text as it is', () => {
    expect(renderSafeMarkdown('سلام، خیابان ما چاله دارد.')).toBe('<p>سلام، خیابان ما چاله دارد.</p>');
    expect(renderSafeMarkdown('   ')).toBe('');
  });

  it('renders bold, italic and code', () => {
    expect(renderSafeMarkdown('**مهم** و *کمی* و `x < y`')).toBe('<p><strong>مهم</strong> و <em>کمی</em> و <code>x &lt; y</code></p>');
    expect(renderSafeMarkdown('***both***')).toBe('<p><em><strong>both</strong></em></p>');
  });

  it('leaves stars that mark nothing alone', () => {
    expect(renderSafeMarkdown('2 * 3 * 4 and ** not bold **')).toBe('<p>2 * 3 * 4 and ** not bold **</p>');
  });

  it('does not format inside code', () => {
    expect(renderSafeMarkdown('`**not bold** [a](https://x.ir)`')).toBe('<p><code>**not bold** [a](https://x.ir)</code></p>');
  });

  it('renders http and https links with nofollow, ugc, noopener and a new tab', () => {
    expect(renderSafeMarkdown('[طرح](https://isfahan.ir/plan?a=1&b=2)')).toBe(
      `<p><a href="https://isfahan.ir/plan?a=1&amp;b=2" ${REL}>طرح</a></p>`,
    );
    expect(renderSafeMarkdown('see [**this**](http://example.com)')).toBe(`<p>see <a href="http://example.com" ${REL}><strong>this</strong></a></p>`);
  });

  it('does not let emphasis reach inside a URL', () => {
    expect(renderSafeMarkdown('[a](https://x.com/*b*/c) *d*')).toBe(`<p><a href="https://x.com/*b*/c" ${REL}>a</a> <em>d</em></p>`);
  });

  it('splits paragraphs on blank lines and keeps single line breaks', () => {
    expect(renderSafeMarkdown('line one\nline two\n\nsecond paragraph')).toBe('<p>line one<br>line two</p><p>second paragraph</p>');
    expect(renderSafeMarkdown('a\r\n\r\n\r\nb')).toBe('<p>a</p><p>b</p>');
  });

  it('renders bullet and numbered lists, also right after a paragraph line', () => {
    expect(renderSafeMarkdown('- یک\n- دو')).toBe('<ul><li>یک</li><li>دو</li></ul>');
    expect(renderSafeMarkdown('1. first\n2. **second**')).toBe('<ol><li>first</li><li><strong>second</strong></li></ol>');
    expect(renderSafeMarkdown('3. three\n4. four')).toBe('<ol start="3"><li>three</li><li>four</li></ol>');
    expect(renderSafeMarkdown('problems:\n- a\n- b\nthanks')).toBe('<p>problems:</p><ul><li>a</li><li>b</li></ul><p>thanks</p>');
  });

  it('supports nothing else: headings, quotes, images and HTML stay text', () => {
    expect(renderSafeMarkdown('# title')).toBe('<p># title</p>');
    expect(renderSafeMarkdown('> quote')).toBe('<p>&gt; quote</p>');
    expect(renderSafeMarkdown('![img](https://x.ir/a.png)')).toBe(`<p>!<a href="https://x.ir/a.png" ${REL}>img</a></p>`);
    expect(renderSafeMarkdown('<b>hi</b>')).toBe('<p>&lt;b&gt;hi&lt;/b&gt;</p>');
  });

  describe('makes attacks inert', () => {
    const noTagsBut = (html: string) => {
      const tags = [...html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]);
      return tags.every((t) => ['p', 'br', 'strong', 'em', 'code', 'a', 'ul', 'ol', 'li'].includes(t));
    };

    it.each([
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<svg/onload=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      '"><script>alert(1)</script>',
      '<scr<script>ipt>alert(1)</script>',
      '**<script>alert(1)</script>**',
      '`<script>alert(1)</script>`',
      '- <img src=x onerror=alert(1)>',
      '<style>body{display:none}</style>',
    ])('%s', (attack) => {
      const html = renderSafeMarkdown(attack);
      expect(noTagsBut(html)).toBe(true);
      expect(html).not.toMatch(/<(script|img|svg|iframe|style)/i);
      expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    });

    it('keeps javascript:, data: and vbscript: URLs as text', () => {
      for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox(1)']) {
        const html = renderSafeMarkdown(`[click](${url})`);
        expect(html).not.toContain('<a');
        expect(html).toBe(`<p>[click](${escapeHtml(url)})</p>`);
      }
    });

    it('does not accept a URL that only starts like http after entity decoding', () => {
      expect(renderSafeMarkdown('[x](&#106;avascript:alert(1))')).not.toContain('<a');
      expect(renderSafeMarkdown('[x](java&#x73;cript:alert(1))')).not.toContain('<a');
      expect(renderSafeMarkdown('[x](&#104;ttps://evil.example)')).not.toContain('<a');
    });

    it('escapes existing entities so they cannot decode into markup', () => {
      expect(renderSafeMarkdown('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('<p>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;</p>');
    });

    it('cannot break out of the href attribute', () => {
      const html = renderSafeMarkdown('[x](https://a.ir/"onmouseover="alert(1))');
      expect(html).not.toMatch(/"\s*onmouseover=/);
      const html2 = renderSafeMarkdown("[x](https://a.ir/'onmouseover='alert(1))");
      expect(html2).not.toMatch(/'\s*onmouseover=/);
      expect(html2).not.toMatch(/<a [^>]*onmouseover/);
    });

    it('ignores smuggled placeholder characters', () => {
      expect(renderSafeMarkdown('a\u00000\u0000b `c`')).toBe('<p>a0b <code>c</code></p>');
    });
  });
});

describe('escapeHtml', () => {
  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
