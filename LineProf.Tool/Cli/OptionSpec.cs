namespace LineProf.Tool.Cli;

/// <summary>An option a command accepts: <c>--name value</c> (or <c>--name=value</c>), or a flag without a value.</summary>
public sealed record OptionSpec(string Name, string? Alias, string? ValueName, string Help)
{
    public bool TakesValue => ValueName != null;

    /// <summary>How the option shows in help: <c>-o, --output FILE</c>.</summary>
    public string Synopsis => (Alias != null ? Alias + ", " : "") + Name + (ValueName != null ? " " + ValueName : "");
}
