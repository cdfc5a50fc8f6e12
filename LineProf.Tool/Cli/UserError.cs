namespace LineProf.Tool.Cli;

/// <summary>
/// Something the user can fix (a missing or malformed file, a bad option): reported as one line, exit code 1,
/// never with a stack trace.
/// </summary>
public sealed class UserError : Exception
{
    public UserError(string message)
        : base(message)
    {
    }
}
