namespace LineProf.Tool.Output;

/// <summary>
/// Colours text for a terminal with ANSI escapes, or leaves it as it is. Colour only ever wraps text that has been
/// made printable (<see cref="Cells.Printable"/>), so no escape comes from a report.
/// </summary>
public sealed class Paint
{
    private const string Reset = "\u001b[0m";

    private Paint(bool enabled)
    {
        Enabled = enabled;
    }

    /// <summary>No colour: files, pipes, NO_COLOR, --no-color.</summary>
    public static Paint None { get; } = new(false);

    public static Paint Ansi { get; } = new(true);

    public bool Enabled { get; }

    /// <summary>
    /// Colour when standard output is a terminal, unless <c>NO_COLOR</c> (set and not empty, as no-color.org asks)
    /// says no, or the terminal says it has none (<c>TERM=dumb</c>). <c>--no-color</c> is the command's to apply.
    /// </summary>
    public static Paint For(bool outputIsTerminal, string? noColorVariable, string? term) =>
        outputIsTerminal && string.IsNullOrEmpty(noColorVariable) && term != "dumb" ? Ansi : None;

    /// <summary>As the page colours rows: hot bold red, warm yellow, cold grey, the rest plain.</summary>
    public string Heat(Heat heat, string text) => heat switch
    {
        Output.Heat.Hot => Wrap("\u001b[1;31m", text),
        Output.Heat.Warm => Wrap("\u001b[33m", text),
        Output.Heat.Cold => Wrap("\u001b[90m", text),
        _ => text,
    };

    /// <summary>A change in time: red when it grew (slower), green when it shrank (faster).</summary>
    public string Change(double change, string text) => change > 0 ? Wrap("\u001b[31m", text) : change < 0 ? Wrap("\u001b[32m", text) : text;

    /// <summary>Headers and folds: bold, so a method's listing stands out from the next.</summary>
    public string Strong(string text) => Wrap("\u001b[1m", text);

    private string Wrap(string start, string text) => Enabled && text.Length > 0 ? start + text + Reset : text;
}
