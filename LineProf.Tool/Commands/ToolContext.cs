using LineProf.Reporting;
using LineProf.Tool.Reading;

namespace LineProf.Tool.Commands;

/// <summary>What a command works with: the reader of reports, and where its output and messages go.</summary>
public sealed class ToolContext
{
    private readonly ReportReader _reader;

    public ToolContext(ReportReader reader, TextWriter output, TextWriter messages)
    {
        _reader = reader;
        Output = output;
        Messages = messages;
    }

    /// <summary>Standard output: the tables, or a file's content when written to "-".</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: notes, warnings and errors, kept out of output a script may parse.</summary>
    public TextWriter Messages { get; }

    public ProfileReport Read(string path) => _reader.Read(path);
}
