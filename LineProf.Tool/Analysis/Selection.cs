using LineProf.Matching;

namespace LineProf.Tool.Analysis;

/// <summary>
/// The methods and lines that <c>--match</c> patterns choose: a method by its name, a line by its method's name or
/// by its place, as <c>/full/path/File.cs:42</c> or <c>File.cs:42</c>. No pattern chooses everything.
/// </summary>
public sealed class Selection
{
    private readonly IReadOnlyList<Wildcard> _globs;

    public Selection(IEnumerable<string> patterns)
    {
        _globs = patterns.Select(Wildcard.Name).ToList();
    }

    public bool IsEverything => _globs.Count == 0;

    /// <summary>
    /// Whether a glob matches the method's name, or its name without parameters and suffix, so that
    /// <c>App.Orders.Get</c> selects the overloads <c>App.Orders.Get(int)</c> and <c>App.Orders.Get(string)</c> and the
    /// lambdas in them (<c>App.Orders.Get(int) lambda@42</c>), as LineProfileInclude does at build time.
    /// </summary>
    public bool Method(string method) => IsEverything || _globs.Any(g => g.IsMatch(method) || g.IsMatch(Plain(method)));

    /// <summary>"App.Orders.Get" of "App.Orders.Get(int, string) lambda@42".</summary>
    private static string Plain(string method)
    {
        int end = method.IndexOfAny(new[] { '(', ' ' });
        return end < 0 ? method : method[..end];
    }

    public bool Line(string method, string file, int line)
    {
        if (IsEverything || Method(method)) return true;
        string number = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string place = file + ":" + number, shortPlace = FileNames.Name(file) + ":" + number;
        return _globs.Any(g => g.IsMatch(place) || g.IsMatch(shortPlace));
    }
}
