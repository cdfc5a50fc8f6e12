using LineProf.LineMaps;

namespace LineProf.Runtime.Tests;

/// <summary>The line map the weaver writes into an assembly, read back at run time.</summary>
public sealed class LineMapFormatTests
{
    [Test]
    public void A_line_map_round_trips_with_shared_documents_and_methods()
    {
        var entries = new[]
        {
            new LineMapEntry("/src/A.cs", 10, "App.A.Get", "var x = 1;"),
            new LineMapEntry("/src/A.cs", 11, "App.A.Get", "</script> and \"quotes\""),
            new LineMapEntry("/src/B.cs", 3, "App.B.<lambda1>", ""),
        };
        var read = LineMapFormat.Read(new MemoryStream(LineMapFormat.Write(entries)));
        Assert.That(read.Select(e => (e.File, e.Line, e.Method, e.Source)), Is.EqualTo(entries.Select(e => (e.File, e.Line, e.Method, e.Source))));
    }

    [Test]
    public void Which_lines_are_counted_small_members_round_trips()
    {
        var entries = new[]
        {
            new LineMapEntry("/src/A.cs", 10, "App.A.Get", "return Load(id);"),
            new LineMapEntry("/src/A.cs", 20, "App.A.Name", "=> _name;", counted: true),
            new LineMapEntry("/src/A.cs", 30, "App.A.Load", "return db.Find(id);"),
        };
        var read = LineMapFormat.Read(new MemoryStream(LineMapFormat.Write(entries)));
        Assert.That(read.Select(e => e.Counted), Is.EqualTo(new[] { false, true, false }));
    }

    [Test]
    public void A_truncated_line_map_is_reported_as_invalid_data_not_a_crash()
    {
        var bytes = LineMapFormat.Write(new[] { new LineMapEntry("/src/A.cs", 10, "App.A.Get", "x"), new LineMapEntry("/src/A.cs", 11, "App.A.Name", "y", counted: true) });
        for (int length = 0; length < bytes.Length; length++)
            Assert.Throws<InvalidDataException>(() => LineMapFormat.Read(new MemoryStream(bytes, 0, length)), $"{length} bytes");
    }
}
