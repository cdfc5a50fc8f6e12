using System;
using System.Collections.Generic;
using System.Text;

namespace LineProf.Bench.Workloads;

/// <summary>
/// The call-heavy workload: Markdown-like text rendered to HTML by a parser shaped like real parsing libraries: a
/// cursor of one-line members driven once or twice per character, forwarding overloads, small predicates and
/// writers, and a number formatter on <c>stackalloc</c>. Most of its time is calls of methods the JIT would inline,
/// which is where a per-call probe costs most.
/// </summary>
public static class MarkdownLite
{
    public static string ToHtml(string markdown) => ToHtml(markdown, RenderOptions.Default);

    public static string ToHtml(string markdown, RenderOptions options)
    {
        var html = new HtmlWriter(options, markdown.Length * 5 / 4);
        var blocks = new BlockParser(html);
        foreach (var line in markdown.Split('\n'))
            blocks.Add(line);
        blocks.Close();
        return html.ToString();
    }

    /// <summary>A document of <paramref name="sections"/> sections of headings, paragraphs with inline markup, and lists.</summary>
    public static string MakeDocument(int sections)
    {
        var text = new StringBuilder();
        for (int i = 0; i < sections; i++)
        {
            text.Append("## Section ").Append(i).Append('\n');
            text.Append("Some *emphasis* and **strong** text with `code()` and a [link](https://example.org/").Append(i).Append(") & more <b>.\n");
            text.Append("A second line of the same paragraph, plain words only, to make it longer than one.\n\n");
            text.Append("- first item with `x`\n- second *item*\n- third item\n\n");
        }

        return text.ToString();
    }
}

public sealed class RenderOptions
{
    public static readonly RenderOptions Default = new();

    public bool EscapeHtml { get; init; } = true;
    public string LinkClass { get; init; } = "link";
}

/// <summary>Reads one line of text a character at a time.</summary>
internal sealed class Cursor
{
    private readonly string _text;
    private int _position;

    public Cursor(string text) => _text = text;

    public int Position => _position;
    public bool IsAtEnd => _position >= _text.Length;
    public char Current => IsAtEnd ? '\0' : _text[_position];
    public char Next => _position + 1 < _text.Length ? _text[_position + 1] : '\0';
    public void Advance() => Advance(1);
    public void Advance(int count) => _position += count;
    public bool Is(char c) => Current == c;
    public bool IsPair(char c) => Current == c && Next == c;
    public int IndexOf(char c) => _text.IndexOf(c, _position);
    public string Slice(int start, int end) => _text.Substring(start, end - start);
    public void MoveTo(int position) => _position = position;
}

internal sealed class HtmlWriter
{
    private readonly StringBuilder _html;
    private readonly RenderOptions _options;

    public HtmlWriter(RenderOptions options, int capacity)
    {
        _options = options;
        _html = new StringBuilder(capacity);
    }

    public RenderOptions Options => _options;
    // Returning the writer lets calls chain, as fluent writers in real libraries do.
    public HtmlWriter Write(string text) => Append(_html.Append(text));
    public HtmlWriter Write(char c) => Append(_html.Append(c));
    public void Tag(string name) => Tag(name, closing: false);
    public void Tag(string name, bool closing) => Write(closing ? "</" : "<").Write(name).Write('>');
    public void Line() => _html.Append('\n');

    public void WriteEscaped(char c)
    {
        if (!_options.EscapeHtml) _html.Append(c);
        else if (c == '<') _html.Append("&lt;");
        else if (c == '>') _html.Append("&gt;");
        else if (c == '&') _html.Append("&amp;");
        else _html.Append(c);
    }

    public void WriteEscaped(string text)
    {
        foreach (char c in text)
            WriteEscaped(c);
    }

    /// <summary>Writes a number without allocating a string for it.</summary>
    public void WriteNumber(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out int length);
        _html.Append(digits.Slice(0, length));
    }

    public override string ToString() => _html.ToString();

    private HtmlWriter Append(StringBuilder _) => this;
}

internal sealed class BlockParser
{
    private readonly HtmlWriter _html;
    private readonly InlineParser _inlines;
    private readonly List<string> _paragraph = new();
    private bool _inList;
    private int _headings;

    public BlockParser(HtmlWriter html)
    {
        _html = html;
        _inlines = new InlineParser(html);
    }

    private static bool IsBlank(string line) => line.Trim().Length == 0;
    private static bool IsHeading(string line) => line.StartsWith('#');
    private static bool IsListItem(string line) => line.StartsWith("- ", StringComparison.Ordinal);

    public void Add(string line)
    {
        if (IsBlank(line)) Close();
        else if (IsHeading(line)) Heading(line);
        else if (IsListItem(line)) ListItem(line.Substring(2));
        else _paragraph.Add(line);
    }

    public void Close()
    {
        CloseParagraph();
        CloseList();
    }

    private void Heading(string line)
    {
        Close();
        int level = CountLevel(line);
        _html.Write("<h").WriteNumber(level);
        _html.Write(" id=\"h").WriteNumber(++_headings);
        _html.Write("\">");
        _inlines.Render(line.Substring(level).TrimStart());
        _html.Write("</h").WriteNumber(level);
        _html.Write('>');
        _html.Line();
    }

    private static int CountLevel(string line)
    {
        int level = 0;
        while (level < line.Length && line[level] == '#')
            level++;
        return level;
    }

    private void ListItem(string text)
    {
        CloseParagraph();
        if (!_inList) _html.Tag("ul");
        _inList = true;
        _html.Tag("li");
        _inlines.Render(text);
        _html.Tag("li", closing: true);
    }

    private void CloseParagraph()
    {
        if (_paragraph.Count == 0) return;
        _html.Tag("p");
        for (int i = 0; i < _paragraph.Count; i++)
        {
            if (i > 0) _html.Write(' ');
            _inlines.Render(_paragraph[i]);
        }

        _html.Tag("p", closing: true);
        _html.Line();
        _paragraph.Clear();
    }

    private void CloseList()
    {
        if (!_inList) return;
        _html.Tag("ul", closing: true);
        _html.Line();
        _inList = false;
    }
}

internal sealed class InlineParser
{
    private readonly HtmlWriter _html;

    public InlineParser(HtmlWriter html) => _html = html;

    public void Render(string text)
    {
        var cursor = new Cursor(text);
        while (!cursor.IsAtEnd)
        {
            if (TryStrong(cursor) || TryEmphasis(cursor) || TryCode(cursor) || TryLink(cursor)) continue;
            _html.WriteEscaped(cursor.Current);
            cursor.Advance();
        }
    }

    private bool TryStrong(Cursor cursor) => cursor.IsPair('*') && TryDelimited(cursor, "**", "strong");

    private bool TryEmphasis(Cursor cursor) => cursor.Is('*') && TryDelimited(cursor, "*", "em");

    private bool TryCode(Cursor cursor) => cursor.Is('`') && TryDelimited(cursor, "`", "code");

    private bool TryDelimited(Cursor cursor, string delimiter, string tag)
    {
        int start = cursor.Position + delimiter.Length;
        int end = cursor.IndexOf(delimiter[0]);
        if (end == cursor.Position) end = IndexAfter(cursor, start, delimiter[0]);
        if (end < 0) return false;
        _html.Tag(tag);
        _html.WriteEscaped(cursor.Slice(start, end));
        _html.Tag(tag, closing: true);
        cursor.MoveTo(end + delimiter.Length);
        return true;
    }

    private static int IndexAfter(Cursor cursor, int start, char c)
    {
        int position = cursor.Position;
        cursor.MoveTo(start);
        int found = cursor.IndexOf(c);
        cursor.MoveTo(position);
        return found;
    }

    private bool TryLink(Cursor cursor)
    {
        if (!cursor.Is('[')) return false;
        int start = cursor.Position;
        int textEnd = cursor.IndexOf(']');
        if (textEnd < 0) return false;
        cursor.MoveTo(textEnd + 1);
        if (!cursor.Is('(')) return Rewind(cursor, start);
        int urlEnd = cursor.IndexOf(')');
        if (urlEnd < 0) return Rewind(cursor, start);
        _html.Write("<a class=\"").Write(_html.Options.LinkClass).Write("\" href=\"");
        _html.WriteEscaped(cursor.Slice(textEnd + 2, urlEnd));
        _html.Write("\">");
        _html.WriteEscaped(cursor.Slice(start + 1, textEnd));
        _html.Write("</a>");
        cursor.MoveTo(urlEnd + 1);
        return true;
    }

    private static bool Rewind(Cursor cursor, int position)
    {
        cursor.MoveTo(position);
        return false;
    }
}

/// <summary>A small method on <c>stackalloc</c>, called in a loop: the shape of allocation-free formatting helpers.</summary>
public static class DigitSums
{
    public static long Total(int count)
    {
        long total = 0;
        for (int i = 0; i < count; i++)
            total += Of(i);
        return total;
    }

    private static int Of(int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out int length);
        int sum = 0;
        foreach (char digit in digits.Slice(0, length))
            sum += digit - '0';
        return sum;
    }
}
