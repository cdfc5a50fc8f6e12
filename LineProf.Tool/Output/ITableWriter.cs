namespace LineProf.Tool.Output;

/// <summary>Writes tables in one format (text, CSV, Markdown, JSON).</summary>
public interface ITableWriter
{
    void Write(IReadOnlyList<Table> tables, TextWriter output);
}
