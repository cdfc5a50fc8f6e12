namespace LineProf.Weaving
{
    /// <summary>What weaving did.</summary>
    public enum WeaveOutcome
    {
        /// <summary>Probes were added.</summary>
        Woven,

        /// <summary>The assembly already carries LineProf's probes; it was left as it was.</summary>
        AlreadyWoven,

        /// <summary>No method had lines to probe (or all were excluded); the assembly was left as it was.</summary>
        NothingToWeave,

        /// <summary>The assembly could not be woven (no usable symbols, unreadable input); it was left as it was.</summary>
        NotWoven,
    }

    /// <summary>The outcome of weaving one assembly, with counts for the build log.</summary>
    public sealed class WeaveResult
    {
        private WeaveResult(WeaveOutcome outcome, int methods, int lines, int missingSources)
        {
            Outcome = outcome;
            Methods = methods;
            Lines = lines;
            MissingSources = missingSources;
        }

        public WeaveOutcome Outcome { get; }

        /// <summary>Methods that got probes (lambdas and state machines count separately).</summary>
        public int Methods { get; }

        /// <summary>Distinct source lines probed.</summary>
        public int Lines { get; }

        /// <summary>Source documents whose text could not be read, so their lines have no source in reports.</summary>
        public int MissingSources { get; }

        internal static WeaveResult Woven(int methods, int lines, int missingSources) => new WeaveResult(WeaveOutcome.Woven, methods, lines, missingSources);
        internal static WeaveResult AlreadyWoven() => new WeaveResult(WeaveOutcome.AlreadyWoven, 0, 0, 0);
        internal static WeaveResult NothingToWeave() => new WeaveResult(WeaveOutcome.NothingToWeave, 0, 0, 0);
        internal static WeaveResult NotWoven() => new WeaveResult(WeaveOutcome.NotWoven, 0, 0, 0);
    }
}
