using System.Text;

namespace LineProf.Tool.Output;

/// <summary>
/// GitHub-flavoured Markdown tables, for a pull request comment or a CI summary. Program text goes in code spans so
/// that markup in it (<c>&lt;script&gt;</c>, <c>*</c>) shows as written; pipes are escaped so no cell ends early.
/// </summary>
public sealed class MarkdownTableWriter : ITableWriter
{
    public void Write(IReadOnlyList<Table> tables, TextWriter output)
    {
        for (int t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            if (t > 0) output.WriteLine();
            if (tables.Count > 1)
            {
                output.WriteLine("### " + table.Title);
                output.WriteLine();
            }

            if (table.Rows.Count == 0)
            {
                output.WriteLine("(none)");
                continue;
            }

            var columns = table.PeopleColumns();
            output.WriteLine("| " + string.Join(" | ", columns.Select(c => Escape(table.Columns[c].Title))) + " |");
            output.WriteLine("|" + string.Join("|", columns.Select(c => Cells.IsNumeric(table.Columns[c]) ? "---:" : "---")) + "|");
            foreach (var row in table.Rows)
                output.WriteLine("| " + string.Join(" | ", columns.Select(c => Cell(table.Columns[c], row[c]))) + " |");
        }
    }

    private static string Cell(Column column, object? cell)
    {
        string text = Cells.Display(column, cell);
        if (column.Kind != ColumnKind.Code || text.Length == 0) return Escape(text);

        // A code span shows its content literally; a fence longer than any run of backticks inside keeps it closed.
        text = text.Trim().Replace("|", "\\|", StringComparison.Ordinal);
        int longestRun = 0, run = 0;
        foreach (char c in text) longestRun = Math.Max(longestRun, run = c == '`' ? run + 1 : 0);
        var fence = new string('`', longestRun + 1);
        // Markdown drops one space inside each fence, so one keeps a backtick at either end from joining the fence.
        string pad = text.StartsWith('`') || text.EndsWith('`') ? " " : "";
        return text.Length == 0 ? "" : fence + pad + text + pad + fence;
    }

    /// <summary>Text with every character Markdown could take as markup escaped, so it shows as written.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\\' or '|' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '&') builder.Append('\\');
            builder.Append(c);
        }

        return builder.ToString();
    }
}
