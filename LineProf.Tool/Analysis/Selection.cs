namespace LineProf.Tool.Analysis;

/// <summary>
/// The methods and lines that <c>--match</c> patterns choose: a method by its name, a line by its method's name or
/// by its place, as <c>/full/path/File.cs:42</c> or <c>File.cs:42</c>. No pattern chooses everything.
/// </summary>
public sealed class Selection
{
    private readonly IReadOnlyList<Glob> _globs;

    public Selection(IEnumerable<string> patterns)
    {
        _globs = patterns.Select(p => new Glob(p)).ToList();
    }

    public bool IsEverything => _globs.Count == 0;

    public bool Method(string method) => IsEverything || _globs.Any(g => g.IsMatch(method));

    public bool Line(string method, string file, int line)
    {
        if (IsEverything || Method(method)) return true;
        string number = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string place = file + ":" + number, shortPlace = FileNames.Name(file) + ":" + number;
        return _globs.Any(g => g.IsMatch(place) || g.IsMatch(shortPlace));
    }
}
