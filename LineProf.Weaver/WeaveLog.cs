namespace LineProf.Weaving
{
    /// <summary>How much a weaver message matters to the build.</summary>
    public enum WeaveMessageLevel
    {
        /// <summary>Shown in detailed build output only.</summary>
        Detail,

        /// <summary>What was woven.</summary>
        Information,

        /// <summary>The assembly was left as it was, for a reason the user can fix.</summary>
        Warning,

        /// <summary>The build must fail; the assembly on disk is the one the compiler wrote.</summary>
        Error,
    }

    /// <summary>Where the weaver's messages go: MSBuild's log, Fody's log, a test's list.</summary>
    public interface IWeaveLog
    {
        /// <summary>
        /// Writes one message. <paramref name="code"/> is its LPxxxx code; <paramref name="file"/> and
        /// <paramref name="line"/> locate it in source where one exists.
        /// </summary>
        void Write(WeaveMessageLevel level, string code, string message, string? file = null, int line = 0);
    }
}
