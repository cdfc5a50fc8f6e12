namespace LineProf.Tool.Output;

/// <summary>
/// RFC 4180 CSV: one header of keys, raw figures (nanoseconds, exact counts), text quoted where it must be. Several
/// tables with the same columns share one CSV, with a leading <c>kind</c> column saying which each row came from.
/// </summary>
public sealed class CsvTableWriter : ITableWriter
{
    public void Write(IReadOnlyList<Table> tables, TextWriter output)
    {
        var columns = tables[0].MachineColumns();
        var keys = columns.Select(c => tables[0].Columns[c].Key).ToList();
        if (tables.Any(t => !t.MachineColumns().Select(c => t.Columns[c].Key).SequenceEqual(keys)))
            throw new ArgumentException("tables written to one CSV must have the same columns");
        bool kinds = tables.Count > 1;

        WriteRow(output, kinds ? keys.Prepend("kind") : keys);
        foreach (var table in tables)
        {
            foreach (var row in table.Rows)
            {
                var cells = columns.Select(c => row[c] switch { null => "", string text => text, bool flag => flag ? "true" : "false", var number => Cells.Raw(number) });
                WriteRow(output, kinds ? cells.Prepend(table.RowKind) : cells);
            }
        }
    }

    private static void WriteRow(TextWriter output, IEnumerable<string> cells)
    {
        output.Write(string.Join(",", cells.Select(Quote)));
        output.Write("\r\n"); // RFC 4180's line break, which spreadsheet programs and CSV readers expect
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny("\",\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
