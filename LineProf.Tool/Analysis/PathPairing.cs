using LineProf.Reporting;
using LineProf.Tool.Cli;

namespace LineProf.Tool.Analysis;

/// <summary>Before's files under <paramref name="Old"/> are after's under <paramref name="New"/>.</summary>
public sealed record PathMap(string Old, string New, bool Automatic)
{
    public string Map(string path)
    {
        if (!path.StartsWith(Old, StringComparison.Ordinal)) return path;
        string rest = path[Old.Length..];
        // A checkout on Windows and one on Linux differ in separators too.
        char separator = New.Contains('\\', StringComparison.Ordinal) && !New.Contains('/', StringComparison.Ordinal) ? '\\' : '/';
        return New + rest.Replace(separator == '/' ? '\\' : '/', separator);
    }
}

/// <summary>
/// Pairs the files of reports built in different folders (two checkouts, a CI runner and a laptop): the PDB records
/// each document's full path, so the same file has a different path in each. <c>--path-prefix OLD=NEW</c> says how
/// they differ; without it, when the reports have no path in common, the prefixes that pair the most files by their
/// trailing path are used.
/// </summary>
public static class PathPairing
{
    private static readonly char[] s_separators = { '/', '\\' };

    public static PathMap Parse(string option, string text)
    {
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
            throw new UserError($"{option} takes OLD=NEW, the folder before's files are under and the one after's are under, not '{text}'");
        return new PathMap(text[..equals], text[(equals + 1)..], Automatic: false);
    }

    /// <summary>The files of a report that a diff pairs: its lines' and methods'.</summary>
    public static HashSet<string> Files(ProfileReport report) =>
        report.Lines.Select(l => l.File).Concat(report.Methods.Select(m => m.File)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The map that pairs the most of before's files with after's, when no path is in both reports; null when some
    /// already is, or when no file name is.
    /// </summary>
    public static PathMap? Find(HashSet<string> before, HashSet<string> after)
    {
        if (before.Overlaps(after)) return null;
        var afterByName = after.GroupBy(FileNames.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var candidates = new HashSet<(string, string)>();
        foreach (var old in before)
        {
            if (!afterByName.TryGetValue(FileNames.Name(old), out var sameName)) continue;
            foreach (var now in sameName) candidates.Add(Prefixes(old, now));
        }

        return candidates
            .Select(c => new PathMap(c.Item1, c.Item2, Automatic: true))
            .Select(map => (Map: map, Paired: before.Count(f => f.StartsWith(map.Old, StringComparison.Ordinal) && after.Contains(map.Map(f)))))
            .Where(c => c.Paired > 0)
            .OrderByDescending(c => c.Paired).ThenBy(c => c.Map.Old.Length).ThenBy(c => c.Map.Old, StringComparer.Ordinal)
            .Select(c => c.Map)
            .FirstOrDefault();
    }

    /// <summary>What precedes the longest run of path components the two paths end with.</summary>
    private static (string Old, string New) Prefixes(string old, string now)
    {
        var oldParts = old.Split(s_separators);
        var newParts = now.Split(s_separators);
        int common = 0;
        while (common < oldParts.Length - 1 && common < newParts.Length - 1 &&
               string.Equals(oldParts[^(common + 1)], newParts[^(common + 1)], StringComparison.Ordinal)) common++;
        if (common == 0) return (old, now); // a bare file name: only that file pairs
        int oldEnd = old.Length - Suffix(oldParts, common), newEnd = now.Length - Suffix(newParts, common);
        return (old[..oldEnd], now[..newEnd]);

        static int Suffix(string[] parts, int count) => parts[^count..].Sum(p => p.Length) + count - 1;
    }

    /// <summary>Rewrites the report's file paths through the map; returns how many distinct files it moved.</summary>
    public static int Apply(ProfileReport report, PathMap map)
    {
        var moved = new HashSet<string>(StringComparer.Ordinal);
        string Move(string file)
        {
            string mapped = map.Map(file);
            if (mapped != file) moved.Add(file);
            return mapped;
        }

        foreach (var line in report.Lines) line.File = Move(line.File);
        foreach (var method in report.Methods) method.File = Move(method.File);
        foreach (var request in report.Requests)
        {
            foreach (var line in request.Lines) line.File = Move(line.File);
            foreach (var method in request.Methods) method.File = Move(method.File);
        }

        foreach (var endpoint in report.Endpoints)
        {
            foreach (var line in endpoint.Lines) line.File = Move(line.File);
            foreach (var method in endpoint.Methods) method.File = Move(method.File);
        }

        return moved.Count;
    }
}
