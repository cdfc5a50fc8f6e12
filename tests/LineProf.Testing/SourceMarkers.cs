namespace LineProf.Testing;

/// <summary>Finds the line of a "MARK:name" comment in a source file, so tests do not hard-code line numbers.</summary>
public static class SourceMarkers
{
    public static int LineOf(string sourceFile, string marker)
    {
        var lines = File.ReadAllLines(sourceFile);
        var matches = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains("MARK:" + marker + " ", StringComparison.Ordinal)
            || lines[i].TrimEnd().EndsWith("MARK:" + marker, StringComparison.Ordinal)).ToList();
        if (matches.Count != 1) throw new InvalidOperationException($"Expected one MARK:{marker} in {sourceFile}, found {matches.Count}.");
        return matches[0] + 1;
    }
}
