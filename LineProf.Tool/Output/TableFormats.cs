using LineProf.Tool.Cli;

namespace LineProf.Tool.Output;

/// <summary>The --format values and their writers.</summary>
public static class TableFormats
{
    public static ITableWriter Writer(string format) => Writer(format, Paint.None);

    /// <summary>The writer of <paramref name="format"/>; text is coloured with <paramref name="paint"/>, the others never are.</summary>
    public static ITableWriter Writer(string format, Paint paint) => format switch
    {
        "text" => new TextTableWriter(paint),
        "csv" => new CsvTableWriter(),
        "markdown" => new MarkdownTableWriter(),
        "json" => new JsonTableWriter(),
        _ => throw new UserError($"unknown format '{format}'"),
    };
}
