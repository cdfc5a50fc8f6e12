using LineProf.Weaving;

namespace LineProf.Weaver.Tests;

/// <summary>One message the weaver wrote.</summary>
public sealed record WeaveMessage(WeaveMessageLevel Level, string Code, string Text, string? File)
{
    public override string ToString() => $"{Level} {Code}: {Text}";
}

/// <summary>Keeps what the weaver said, so tests can check codes, levels and wording.</summary>
public sealed class RecordingLog : IWeaveLog
{
    private readonly List<WeaveMessage> _messages = [];

    public IReadOnlyList<WeaveMessage> Messages
    {
        get { lock (_messages) return _messages.ToList(); }
    }

    /// <summary>Warnings and errors: what a build would show, and what breaks a warnings-as-errors build.</summary>
    public IReadOnlyList<WeaveMessage> Problems => Messages.Where(m => m.Level >= WeaveMessageLevel.Warning).ToList();

    public void Write(WeaveMessageLevel level, string code, string message, string? file = null, int line = 0)
    {
        lock (_messages) _messages.Add(new WeaveMessage(level, code, message, file));
    }

    public WeaveMessage Single(string code) => Messages.Single(m => m.Code == code);

    public override string ToString() => string.Join("\n", Messages);
}
