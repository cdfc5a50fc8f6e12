using LineProf.Reporting;
using LineProf.Tool.Output;
using LineProf.Tool.Reading;

namespace LineProf.Tool.Commands;

/// <summary>What a command works with: the reader of reports, and where its output and messages go.</summary>
public sealed class ToolContext
{
    private readonly ReportReader _reader;

    public ToolContext(ReportReader reader, TextWriter output, TextWriter messages, Paint paint)
    {
        _reader = reader;
        Output = output;
        Messages = messages;
        Paint = paint;
    }

    /// <summary>Standard output: the tables, or a file's content when written to "-".</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: notes, warnings and errors, kept out of output a script may parse.</summary>
    public TextWriter Messages { get; }

    /// <summary>How tables for people are coloured on <see cref="Output"/>: not at all unless it is a terminal that wants colour.</summary>
    public Paint Paint { get; }

    public ProfileReport Read(string path) => _reader.Read(path);
}
