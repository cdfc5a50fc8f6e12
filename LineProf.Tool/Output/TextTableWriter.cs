namespace LineProf.Tool.Output;

/// <summary>
/// Aligned columns for a terminal, figures right-aligned, like wsgi_lineprof's text output. Columns that are empty
/// in every row of a table are left out (a table of lines has no calls). In a terminal, rows are coloured by their
/// heat and changes in time red (slower) or green (faster).
/// </summary>
public sealed class TextTableWriter : ITableWriter
{
    private const string Gap = "  ";

    private readonly Paint _paint;

    public TextTableWriter(Paint paint)
    {
        _paint = paint;
    }

    public void Write(IReadOnlyList<Table> tables, TextWriter output)
    {
        for (int t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            if (t > 0) output.WriteLine();
            if (tables.Count > 1) output.WriteLine(table.Title);
            if (table.Rows.Count == 0)
            {
                output.WriteLine("(none)");
                continue;
            }

            var columns = table.PeopleColumns();
            var cells = table.Rows.Select(row => columns.Select(c => Cells.Display(table.Columns[c], row[c])).ToArray()).ToList();
            var widths = columns.Select((c, i) => Math.Max(table.Columns[c].Title.Length, cells.Max(row => row[i].Length))).ToArray();

            output.WriteLine(Row(columns.Select(c => table.Columns[c].Title).ToArray(), null, columns, widths, table));
            for (int r = 0; r < cells.Count; r++)
            {
                string text = Row(cells[r], table.Rows[r], columns, widths, table);
                output.WriteLine(table.Heat is { } heat ? _paint.Heat(heat(r), text) : text);
            }
        }
    }

    /// <summary>One row's text; <paramref name="row"/> (null for the header) gives changes in time their colour.</summary>
    private string Row(string[] cells, object?[]? row, int[] columns, int[] widths, Table table)
    {
        var line = new System.Text.StringBuilder();
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) line.Append(Gap);
            bool last = i == cells.Length - 1;
            var column = table.Columns[columns[i]];
            // Padded before it is coloured: escapes take no width on the screen.
            string cell = Cells.IsNumeric(column) ? cells[i].PadLeft(widths[i]) : last ? cells[i] : cells[i].PadRight(widths[i]); // no trailing blanks after the last column
            line.Append(row?[columns[i]] is { } value && column.Kind == ColumnKind.TimeChange ? _paint.Change(Cells.Number(value), cell) : cell);
        }

        return line.ToString();
    }
}
