using System.Text.RegularExpressions;

namespace LineProf.Weaver.Tests.Corpus;

/// <summary>Everything observable about one run of a case: its result or exception, and its side effects.</summary>
public sealed partial class CaseOutcome
{
    public CaseOutcome(string? result, Exception? exception, string[] effects, IReadOnlyDictionary<string, int> executions)
    {
        Result = result;
        ExceptionType = exception?.GetType().FullName;
        ExceptionMessage = exception?.Message;
        Frames = exception == null ? [] : FramesOf(exception);
        Effects = effects;
        Executions = executions;
    }

    public string? Result { get; }
    public string? ExceptionType { get; }
    public string? ExceptionMessage { get; }

    /// <summary>The corpus frames of the escaping exception's stack trace: "method in File.cs:line".</summary>
    public IReadOnlyList<string> Frames { get; }

    /// <summary>What the case logged through Effects.Add, in order.</summary>
    public string[] Effects { get; }

    /// <summary>"File.cs:line" → how often that <c>Ran.Here();</c> line ran (file names only, see <see cref="LineKey"/>).</summary>
    public IReadOnlyDictionary<string, int> Executions { get; }

    /// <summary>Lines are compared by file name and line: CallerFilePath and the PDB agree on the file name even
    /// where a #line directive or a PathMap changes the folder.</summary>
    public static string LineKey(string file, int line) => Path.GetFileName(file.Replace('\\', '/')) + ":" + line;

    public override string ToString() =>
        ExceptionType == null
            ? $"result {Result}; effects [{string.Join(" | ", Effects)}]"
            : $"{ExceptionType}: {ExceptionMessage} at [{string.Join(" <- ", Frames)}]; effects [{string.Join(" | ", Effects)}]";

    private static List<string> FramesOf(Exception exception) =>
        (exception.StackTrace ?? "").Split('\n')
            .Select(line => Frame().Match(line.Trim()))
            .Where(m => m.Success && m.Groups["method"].Value.StartsWith("LineProf.Corpus.", StringComparison.Ordinal))
            .Select(m => m.Groups["method"].Value + " in " +
                         (m.Groups["file"].Success ? LineKey(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value)) : "?"))
            .ToList();

    [GeneratedRegex(@"^at (?<method>.+?)(?: in (?<file>.+):line (?<line>\d+))?$")]
    private static partial Regex Frame();
}
