namespace LineProf.Tool.Cli;

/// <summary>What the lineprof command's exit code means (the README lists them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad input or usage: the message says what to fix.</summary>
    public const int UserError = 1;

    /// <summary>A bug in lineprof: one line of apology, the details with --verbose.</summary>
    public const int InternalError = 2;

    /// <summary><c>diff --fail-if-slower</c> found an endpoint, method or line slower than allowed, beyond its floor.</summary>
    public const int Slower = 3;
}
