using System.Text;

namespace LineProf.Tool.Output;

/// <summary>
/// A line's source is the whole statement that starts on it, over as many lines as it takes. A table row has one
/// line, so people get the statement on one line; scripts (CSV, JSON) get it as it is.
/// </summary>
public static class Statements
{
    /// <summary>
    /// "var a = db.Articles.Where(x => x.Ok).First();" of a query continued over three lines: lines trimmed and
    /// joined, with no space before a continuation that starts with a dot or a closing bracket.
    /// </summary>
    public static string OneLine(string? source)
    {
        if (source == null) return "";
        if (source.IndexOf('\n') < 0) return source.Trim();
        var text = new StringBuilder(source.Length);
        foreach (var part in source.Split('\n'))
        {
            var line = part.Trim();
            if (line.Length == 0) continue;
            if (text.Length > 0 && !(line[0] is '.' or ')' or ']' or ',' or ';' || line.StartsWith("?.", StringComparison.Ordinal))) text.Append(' ');
            text.Append(line);
        }

        return text.ToString();
    }
}
