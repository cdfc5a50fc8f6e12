using LineProf.Weaving.Symbols;
using Mono.Cecil.Cil;

namespace LineProf.Weaver.Tests;

/// <summary>
/// The limits the README gives for a line's source text in reports: each source line is cut at 400 characters and a
/// statement at 20 lines, a '…' marking each cut, so a minified line or a long initializer cannot bloat the line map.
/// </summary>
public sealed class SourceTextLimitsTests
{
    [Test]
    public void A_source_line_over_400_characters_is_cut_there_and_ends_in_an_ellipsis()
    {
        using var folder = new TempFolder("source-limits");
        var longLine = "var text = \"" + new string('x', 450) + "\";";
        var file = Write(folder, "Long.cs", "class C", "{", longLine, "}");

        var statement = new SourceLines(null).Statement(new Document(file), 3, 3);

        Assert.That(statement, Is.EqualTo(longLine[..400] + "…"));
    }

    [Test]
    public void A_statement_over_20_lines_keeps_its_first_20_and_ends_in_an_ellipsis_line()
    {
        using var folder = new TempFolder("source-limits");
        var lines = new[] { "var values = new[]", "{" }.Concat(Enumerable.Range(1, 30).Select(i => $"    {i},")).Append("};").ToArray();
        var file = Write(folder, "Initializer.cs", lines);

        var statement = new SourceLines(null).Statement(new Document(file), 1, lines.Length).Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(statement, Has.Length.EqualTo(21));
            Assert.That(statement[..20], Is.EqualTo(lines[..20]));
            Assert.That(statement[20], Is.EqualTo("…"));
        });
    }

    [Test]
    public void A_short_statement_over_several_lines_reads_whole()
    {
        using var folder = new TempFolder("source-limits");
        var file = Write(folder, "Query.cs", "var total = orders", "    .Where(o => o.Paid)", "    .Sum(o => o.Total);");

        var statement = new SourceLines(null).Statement(new Document(file), 1, 3);

        Assert.That(statement, Is.EqualTo("var total = orders\n    .Where(o => o.Paid)\n    .Sum(o => o.Total);"));
    }

    private static string Write(TempFolder folder, string name, params string[] lines)
    {
        var path = Path.Combine(folder.Path, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
