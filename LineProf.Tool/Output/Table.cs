namespace LineProf.Tool.Output;

/// <summary>What a column holds, which decides how each format writes it.</summary>
public enum ColumnKind
{
    /// <summary>Plain text, such as a method name.</summary>
    Text,

    /// <summary>Program text (source, paths, method names): shown as code where the format has it.</summary>
    Code,

    /// <summary>A count (hits, calls, line number).</summary>
    Count,

    /// <summary>Nanoseconds.</summary>
    Time,

    /// <summary>A signed change in nanoseconds.</summary>
    TimeChange,

    /// <summary>A ratio, after over before.</summary>
    Ratio,

    /// <summary>Yes or no: true or false in CSV and JSON.</summary>
    Flag,
}

/// <summary>Who a column is for: a person reads a short path, a script wants the full one.</summary>
public enum Audience
{
    Everyone,

    /// <summary>Only in text and Markdown.</summary>
    People,

    /// <summary>Only in CSV and JSON.</summary>
    Machines,
}

/// <summary>
/// A column: <paramref name="Key"/> names it in CSV and JSON, <paramref name="Title"/> in tables for people.
/// </summary>
public sealed record Column(string Key, string Title, ColumnKind Kind, Audience Audience = Audience.Everyone)
{
    public bool ForPeople => Audience != Audience.Machines;

    public bool ForMachines => Audience != Audience.People;
}

/// <summary>
/// Rows of figures, written by any <see cref="ITableWriter"/>. Cells are a string for text columns, a bool for a
/// flag, a long or double for the others, or null where the figure does not apply (a method has no hits, a new line no "before").
/// </summary>
public sealed class Table
{
    public Table(string key, string title, string rowKind, IReadOnlyList<Column> columns)
    {
        Key = key;
        Title = title;
        RowKind = rowKind;
        Columns = columns;
    }

    /// <summary>Names the table in JSON ("lines").</summary>
    public string Key { get; }

    /// <summary>Heads the table for people ("Lines").</summary>
    public string Title { get; }

    /// <summary>What one row is ("line"): the <c>kind</c> column when several tables share one CSV.</summary>
    public string RowKind { get; }

    public IReadOnlyList<Column> Columns { get; }

    public List<object?[]> Rows { get; } = new();

    /// <summary>The share of a row (by its index) as the page colours it, for a terminal; null leaves rows plain.</summary>
    public Func<int, Heat>? Heat { get; set; }

    /// <summary>The indexes of the columns a person sees: those for people that have a value in some row.</summary>
    public int[] PeopleColumns() =>
        Enumerable.Range(0, Columns.Count).Where(c => Columns[c].ForPeople && Rows.Any(r => r[c] != null)).ToArray();

    /// <summary>The indexes of the columns scripts get: all of theirs, even when empty, so the shape never varies.</summary>
    public int[] MachineColumns() => Enumerable.Range(0, Columns.Count).Where(c => Columns[c].ForMachines).ToArray();

    public void Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count) throw new ArgumentException($"a row of {Title} needs {Columns.Count} cells, not {cells.Length}");
        Rows.Add(cells);
    }
}
