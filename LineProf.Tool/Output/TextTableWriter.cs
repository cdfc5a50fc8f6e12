namespace LineProf.Tool.Output;

/// <summary>
/// Aligned columns for a terminal, figures right-aligned, like wsgi_lineprof's text output. Columns that are empty
/// in every row of a table are left out (a table of lines has no calls).
/// </summary>
public sealed class TextTableWriter : ITableWriter
{
    private const string Gap = "  ";

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

            WriteRow(output, columns.Select(c => table.Columns[c].Title).ToArray(), columns, widths, table);
            foreach (var row in cells) WriteRow(output, row, columns, widths, table);
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] columns, int[] widths, Table table)
    {
        var line = new System.Text.StringBuilder();
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0) line.Append(Gap);
            bool last = i == cells.Length - 1;
            if (Cells.IsNumeric(table.Columns[columns[i]])) line.Append(cells[i].PadLeft(widths[i]));
            else line.Append(last ? cells[i] : cells[i].PadRight(widths[i])); // no trailing blanks after the last column
        }

        output.WriteLine(line.ToString());
    }
}
