namespace LineProf.Tool.Cli;

/// <summary>
/// A command's arguments, parsed against the options it declares: positionals in order, option values by name.
/// Deliberately small (no package): <c>--name value</c>, <c>--name=value</c>, short aliases, flags, and <c>--</c> to
/// end options. Anything else is a <see cref="UserError"/> naming the command's help.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _values;
    private readonly string _command;

    private CommandLine(string command, List<string> positionals, Dictionary<string, List<string>> values)
    {
        _command = command;
        Positionals = positionals;
        _values = values;
    }

    public IReadOnlyList<string> Positionals { get; }

    public static CommandLine Parse(string command, IReadOnlyList<string> arguments, IReadOnlyCollection<OptionSpec> options)
    {
        var positionals = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        bool optionsEnded = false;
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            // "-" alone names standard output (or input) and is a value, not an option.
            if (optionsEnded || argument == "-" || !argument.StartsWith('-'))
            {
                positionals.Add(argument);
                continue;
            }

            if (argument == "--")
            {
                optionsEnded = true;
                continue;
            }

            string name = argument;
            string? inlineValue = null;
            int equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (argument.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = argument[..equals];
                inlineValue = argument[(equals + 1)..];
            }

            var spec = options.FirstOrDefault(o => o.Name == name || o.Alias == name)
                ?? throw new UserError($"unknown option {name} for 'lineprof {command}' (see lineprof {command} --help)");
            string value;
            if (!spec.TakesValue)
            {
                if (inlineValue != null) throw new UserError($"option {spec.Name} takes no value (see lineprof {command} --help)");
                value = "";
            }
            else if (inlineValue != null)
            {
                value = inlineValue;
            }
            else if (i + 1 < arguments.Count)
            {
                value = arguments[++i];
            }
            else
            {
                throw new UserError($"option {spec.Name} needs a value: {spec.Synopsis} (see lineprof {command} --help)");
            }

            if (!values.TryGetValue(spec.Name, out var list)) values.Add(spec.Name, list = new List<string>());
            list.Add(value);
        }

        return new CommandLine(command, positionals, values);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The option's value; given twice, the last one wins, as in most command-line tools.</summary>
    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : Array.Empty<string>();

    /// <summary>One of <paramref name="allowed"/>, or <paramref name="fallback"/> when the option is absent.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        var value = Value(name);
        if (value == null) return fallback;
        if (!allowed.Contains(value, StringComparer.Ordinal))
            throw new UserError($"{name} must be one of {string.Join(", ", allowed)}, not '{value}'");
        return value;
    }

    public int Integer(string name, int fallback, int minimum)
    {
        var value = Value(name);
        if (value == null) return fallback;
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int result) || result < minimum)
            throw new UserError($"{name} must be a whole number of at least {minimum}, not '{value}'");
        return result;
    }

    /// <summary>Fails unless there are between <paramref name="minimum"/> and <paramref name="maximum"/> positionals.</summary>
    public void ExpectPositionals(int minimum, int maximum, string what)
    {
        if (Positionals.Count < minimum)
            throw new UserError($"'lineprof {_command}' needs {what} (see lineprof {_command} --help)");
        if (Positionals.Count > maximum)
            throw new UserError($"'lineprof {_command}' takes {what}, but also got '{Positionals[maximum]}' (see lineprof {_command} --help)");
    }
}
