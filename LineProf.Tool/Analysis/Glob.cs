using System.Text.RegularExpressions;

namespace LineProf.Tool.Analysis;

/// <summary>
/// A wildcard pattern over method names (<c>App.Orders.*</c>) or file:line places (<c>Orders.cs:42</c>):
/// <c>*</c> is any run of characters, <c>?</c> one character; the pattern must match the whole name.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        var expression = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        // Non-backtracking: a pattern of many stars against a long name must not take exponential time.
        _regex = new Regex(expression, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    public bool IsMatch(string name) => _regex.IsMatch(name);
}
