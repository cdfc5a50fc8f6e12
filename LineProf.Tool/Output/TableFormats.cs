using LineProf.Tool.Cli;

namespace LineProf.Tool.Output;

/// <summary>The --format values and their writers.</summary>
public static class TableFormats
{
    public static ITableWriter Writer(string format) => format switch
    {
        "text" => new TextTableWriter(),
        "csv" => new CsvTableWriter(),
        "markdown" => new MarkdownTableWriter(),
        "json" => new JsonTableWriter(),
        _ => throw new UserError($"unknown format '{format}'"),
    };
}
